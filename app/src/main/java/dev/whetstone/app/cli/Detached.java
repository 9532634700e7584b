package dev.whetstone.app.cli;

import dev.whetstone.app.install.InstalledApp;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code train --detach}: the same command in a new background process (surviving this shell), its output
 * in {@code runs/<id>.train.log}; prints the run id and returns. An installed app starts it through its own
 * launcher, a build through {@code java -cp}.
 */
final class Detached {
    private Detached() {
    }

    /**
     * How to start this program again: through the installed app's launcher when there is one (its runtime has
     * no {@code java} command and none need be on PATH), else {@code java -cp} this class path.
     */
    static List<String> thisProgram(String launcher, String javaHome, String classPath) {
        if (launcher != null && !launcher.isBlank()) {
            return List.of(launcher);
        }
        return List.of(Path.of(javaHome, "bin", "java").toString(), "-cp", classPath, WhetstoneCommand.class.getName());
    }

    static int start(List<String> originalArgs, EngineOptions options, TrainingConfig config, PrintWriter out) throws IOException {
        String runId = config.runId() != null ? config.runId() : RunSupervisor.newRunId(config.objective());
        Path log = options.home().resolve("runs").resolve(runId + ".train.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(thisProgram(System.getProperty(InstalledApp.LAUNCHER_PROPERTY),
                System.getProperty("java.home"), System.getProperty("java.class.path")));
        boolean skipNext = false;
        for (String arg : originalArgs) {
            if (skipNext) {
                skipNext = false;
                continue;
            }
            if (arg.equals("--run-id")) {
                skipNext = true;
                continue;
            }
            if (!arg.equals("--detach") && !arg.startsWith("--run-id=")) {
                command.add(arg);
            }
        }
        command.add("--run-id");
        command.add(runId);
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // jpackage's launcher marks the JVM it starts with _JPACKAGE_LAUNCHER; a launcher that inherits the mark
        // skips its configuration and takes the first argument for the main class ("train")
        child.environment().keySet().removeIf(name -> name.startsWith("_JPACKAGE"));
        child.start();
        out.println("run " + runId + " started in the background; follow it with: whetstone runs show " + runId
                + " (log: " + log + ")");
        out.flush();
        return 0;
    }
}
