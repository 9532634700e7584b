package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options every command takes: {@code --home DIR} and {@code --device auto|cpu|cuda}. */
final class EngineOptionsMixin {
    @Option(names = "--home", paramLabel = "DIR", description = "Engine home (default: $WHETSTONE_HOME, else ~/.whetstone).")
    Path home;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    /** The engine home a parsed command line names: its {@code --home}, else the default. */
    static Path homeOf(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        Path home = last.hasMatchedOption("--home") ? last.matchedOptionValue("--home", null) : null;
        return home != null ? home : EngineOptions.defaultHome();
    }

    /**
     * The options; a home that exists but is not a folder is bad input.
     *
     * @throws IllegalArgumentException naming the flag and the fix
     */
    EngineOptions toOptions() {
        EngineOptions.Builder builder = EngineOptions.builder().device(device);
        if (home != null) {
            builder.home(home);
        }
        EngineOptions options = builder.build();
        if (Files.exists(options.home()) && !Files.isDirectory(options.home())) {
            throw new IllegalArgumentException("the engine home " + options.home() + " is a file, not a folder; pass a folder"
                    + " with --home (it is created if missing)");
        }
        return options;
    }
}
