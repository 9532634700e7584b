package dev.whetstone.app.cli;

import dev.whetstone.app.engine.ThisProgram;
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
 * launcher, a build through {@code java -cp} ({@link ThisProgram}).
 */
final class Detached {
    private Detached() {
    }

    static int start(List<String> originalArgs, EngineOptions options, TrainingConfig config, PrintWriter out) throws IOException {
        String runId = config.runId() != null ? config.runId() : RunSupervisor.newRunId(config.objective());
        Path log = options.home().resolve("runs").resolve(runId + ".train.log");
        Files.createDirectories(log.getParent());
        List<String> args = new ArrayList<>();
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
                args.add(arg);
            }
        }
        args.add("--run-id");
        args.add(runId);
        ThisProgram.current().processBuilder(List.of(), args.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        out.println("run " + runId + " started in the background; follow it with: whetstone runs show " + runId
                + " (log: " + log + ")");
        out.flush();
        return 0;
    }
}
