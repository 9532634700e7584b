package dev.whetstone.app.cli;

import dev.whetstone.app.about.AboutFacts;
import dev.whetstone.app.install.CudaRoutes;
import dev.whetstone.app.install.InstalledApp;
import dev.whetstone.app.install.NvidiaDriver;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code whetstone doctor}: what the engine would run on, where its files are, and what is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Show the device, native library, GPU driver, folders and free disk; say what is missing.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EngineOptions options = engine.toOptions();
        PrintWriter out = spec.commandLine().getOut();
        AboutFacts facts = AboutFacts.of(options.home());
        Optional<String> driver = NvidiaDriver.version();
        out.println("whetstone:     " + facts.build().version());
        ServerCapabilities caps;
        try (ServiceClient service = ServiceClient.local(options)) {
            caps = service.getServerCapabilities();
        }
        out.println("device:        " + caps.device());
        out.println("libtorch:      " + caps.nativeFlavor() + " (" + facts.libtorch() + ")");
        out.println("nvidia driver: " + driver.orElse("none found"));
        out.println("architectures: " + String.join(", ", caps.supportedArchitectures()));
        out.println("java:          " + facts.java());
        out.println("java heap max: " + caps.totalMemoryBytes() / (1024 * 1024) + " MiB");
        Path home = options.home();
        Files.createDirectories(home);
        long free = Files.getFileStore(home).getUsableSpace();
        out.println("engine home:   " + home + " (" + free / (1024L * 1024 * 1024) + " GiB free)");
        out.println("logs:          " + facts.logFolder());
        facts.launcher().ifPresent(launcher -> out.println("launcher:      " + launcher));
        if (free < 5L * 1024 * 1024 * 1024) {
            out.println("warning: less than 5 GiB free under the engine home; checkpoints and merged models need room");
        }
        if (driver.isPresent() && !caps.device().startsWith("cuda")) {
            out.println("note: an NVIDIA driver is loaded but the engine computes on the CPU. To use the GPU:");
            for (String step : CudaRoutes.forThisApp(InstalledApp.current()).steps()) {
                out.println("  - " + step);
            }
        }
        out.flush();
        return 0;
    }
}
