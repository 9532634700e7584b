package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code whetstone doctor}: what the engine would run on, and what is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Show the device, native library, engine home and free disk; say what is missing.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EngineOptions options = engine.toOptions();
        PrintWriter out = spec.commandLine().getOut();
        try (ServiceClient service = ServiceClient.local(options)) {
            ServerCapabilities caps = service.getServerCapabilities();
            out.println("device:        " + caps.device());
            out.println("libtorch:      " + caps.nativeFlavor());
            out.println("architectures: " + String.join(", ", caps.supportedArchitectures()));
            out.println("java heap max: " + caps.totalMemoryBytes() / (1024 * 1024) + " MiB");
        }
        Path home = options.home();
        Files.createDirectories(home);
        long free = Files.getFileStore(home).getUsableSpace();
        out.println("engine home:   " + home + " (" + free / (1024L * 1024 * 1024) + " GiB free)");
        if (free < 5L * 1024 * 1024 * 1024) {
            out.println("warning: less than 5 GiB free under the engine home; checkpoints and merged models need room");
        }
        out.flush();
        return 0;
    }
}
