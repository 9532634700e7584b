package dev.whetstone.app.cli;

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
 * {@code train --detach}: the same command in a new background JVM (surviving this shell), its output
 * in {@code runs/<id>/train.log}; prints the run id and returns.
 */
final class Detached {
    private Detached() {
    }

    static int start(List<String> originalArgs, EngineOptions options, TrainingConfig config, PrintWriter out) throws IOException {
        String runId = config.runId() != null ? config.runId() : RunSupervisor.newRunId(config.objective());
        Path log = options.home().resolve("runs").resolve(runId + ".train.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WhetstoneCommand.class.getName()));
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
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        out.println("run " + runId + " started in the background; follow it with: whetstone runs show " + runId
                + " (log: " + log + ")");
        out.flush();
        return 0;
    }
}
