package dev.whetstone.app.runs;

import dev.whetstone.app.TinyRun;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import java.nio.file.Path;

/**
 * A separate JVM for {@link KilledAppRunResumesTest}: starts a tiny run through the app's own
 * {@link RunLauncher} on an engine home, as the Runs pane does, and prints {@code step <n>} after each step
 * until it is killed. Arguments: engine home, run id, steps.
 */
public final class AppRunProcess {
    private AppRunProcess() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = new RunLauncher(service, home)
                    .start(TinyRun.config(args[1], TinyRun.dataset(home.resolve("data/chat.jsonl")), Integer.parseInt(args[2])));
            run.onMetrics(line -> {
                if (line instanceof MetricsLine.Step step) {
                    System.out.println("step " + step.step());
                    System.out.flush();
                }
            });
            run.completion().join();
        }
    }
}
