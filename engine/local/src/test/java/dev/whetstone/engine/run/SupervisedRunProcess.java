package dev.whetstone.engine.run;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.RunEvent;
import java.nio.file.Path;

/**
 * A separate JVM for {@link RunCrashResumeTest}: starts a supervised run and prints {@code checkpoint <step>}
 * for each checkpoint, until it is killed. Arguments: engine home, run id, steps.
 */
public final class SupervisedRunProcess {
    private SupervisedRunProcess() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = new RunSupervisor(service, home)
                    .start(PatternData.config(args[1], Integer.parseInt(args[2])), PatternData.of(16, 4, 12));
            run.onEvent(e -> {
                if (e.event() instanceof RunEvent.CheckpointSaved saved) {
                    System.out.println("checkpoint " + saved.step());
                    System.out.flush();
                }
            });
            run.completion().join();
        }
    }
}
