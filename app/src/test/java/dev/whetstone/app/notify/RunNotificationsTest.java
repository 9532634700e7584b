package dev.whetstone.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.TinyRun;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RunHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** A real run of the golden tiny model, followed as the app follows the runs it starts. */
class RunNotificationsTest {
    @TempDir
    Path home;

    @Test
    void aFinishedRunNotifiesOnceWithItsStepsAndLastLoss() throws Exception {
        List<Notification> shown = new CopyOnWriteArrayList<>();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = TinyRun.start(service, home, TinyRun.config("notified", TinyRun.dataset(home.resolve("data/chat.jsonl")), 4));
            new RunNotifications(shown::add).follow(run);
            run.completion().get(120, TimeUnit.SECONDS);
        }
        // the completion event's listeners may still be running on the run's thread when completion() is done
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !shown.isEmpty());
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).title()).isEqualTo("Run notified finished");
        assertThat(shown.get(0).body()).startsWith("Completed 4 steps; last loss ").contains("final eval loss");
    }
}
