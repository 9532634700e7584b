package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes: {@code --home DIR} and {@code --device auto|cpu|cuda}. */
final class EngineOptionsMixin {
    @Option(names = "--home", paramLabel = "DIR", description = "Engine home (default: $WHETSTONE_HOME, else ~/.whetstone).")
    Path home;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    EngineOptions toOptions() {
        EngineOptions.Builder builder = EngineOptions.builder().device(device);
        if (home != null) {
            builder.home(home);
        }
        return builder.build();
    }
}
