package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.RunningApp;
import dev.whetstone.app.Waits;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A run started through the app's {@link RunLauncher} in a child JVM is killed with SIGKILL mid-run; the
 * window opened on the same engine home lists it as interrupted with Resume offered, its dashboard plots
 * every step the journal kept, and Resume trains it to the end.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class KilledAppRunResumesTest extends FxRobot {
    private static final int STEPS = 30;
    private static final int KILL_AFTER = 8;

    @TempDir
    Path tmp;

    @Test
    void theKilledRunIsListedInterruptedWithItsPointsAndResumesToTheEnd() throws Exception {
        Path home = tmp.resolve("home");
        killRunAfterStep(home, "killed", KILL_AFTER);
        Path dir = home.resolve("runs/killed");
        long recorded = trainSteps(dir).size();
        assertThat(recorded).isBetween((long) KILL_AFTER, (long) STEPS - 1);

        try (RunningApp app = RunningApp.start(home, tmp.resolve("hub"))) {
            clickOn("#nav-runs");
            ListView<RunRow> list = lookup("#runs-list").queryListView();
            Waits.until(() -> !list.getItems().isEmpty(), () -> "no runs listed");
            assertThat(list.getItems().get(0).summary().status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(list.getItems().get(0).resumable()).isTrue();
            clickOn("killed");
            RunDashboardView dashboard = lookup("#run-dashboard").queryAs(RunDashboardView.class);
            Label status = lookup("#dashboard-status").queryAs(Label.class);
            Waits.until(() -> status.getText().equals("interrupted") && trainPoints(dashboard) > 0,
                    () -> "status " + status.getText() + ", " + trainPoints(dashboard) + " points, selected "
                            + list.getSelectionModel().getSelectedItems());
            assertThat(trainPoints(dashboard)).as("one point per step the journal kept").isEqualTo(recorded);
            assertThat(lookup("#dashboard-resume").queryButton().isVisible()).isTrue();
            assertThat(lookup("#dashboard-resume").queryButton().isDisabled()).isFalse();
            assertThat(lookup("#runs-resume").queryButton().isDisabled()).isFalse();

            clickOn("#dashboard-resume");
            Waits.until(() -> status.getText().equals("completed"), () -> "status " + status.getText() + ", "
                    + lookup("#dashboard-steps").queryAs(Label.class).getText() + ", runs pane: "
                    + lookup("#runs-message").tryQuery().map(n -> ((Label) n).getText()).orElse(""));
            // the step label and the chart follow the chart frames (at most 5 a second): they catch up shortly after
            Label steps = lookup("#dashboard-steps").queryAs(Label.class);
            Waits.until(() -> steps.getText().startsWith("step " + STEPS + " / " + STEPS) && trainPoints(dashboard) == STEPS,
                    () -> steps.getText() + ", " + trainPoints(dashboard) + " points");
        }
        assertThat(trainSteps(dir)).as("every step once, in order, after the resume")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, STEPS).boxed().toList());
    }

    /** Runs the child until it reports step {@code step}, then kills it with SIGKILL. */
    private static void killRunAfterStep(Path home, String runId, int step) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                AppRunProcess.class.getName(), home.toString(), runId, Integer.toString(STEPS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String wanted = "step " + step;
            String line = out.readLine();
            while (line != null && !line.equals(wanted)) {
                line = out.readLine();
            }
            assertThat(line).as("the child reached step " + step).isEqualTo(wanted);
            process.destroyForcibly();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static List<Long> trainSteps(Path dir) {
        return RunJournal.steps(dir).stream().map(MetricsLine.Step::step).toList();
    }

    private static int trainPoints(RunDashboardView dashboard) {
        return dashboard.lossChart().points(0);
    }
}
