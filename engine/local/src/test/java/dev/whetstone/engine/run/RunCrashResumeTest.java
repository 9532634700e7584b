package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervised run in a child JVM is killed with SIGKILL between checkpoints; resuming continues from the
 * last checkpoint and every later step's loss equals an uninterrupted run's.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunCrashResumeTest {
    private static final int STEPS = 20;

    @Test
    void aKilledRunResumesAndItsLossesMatchAnUninterruptedRun(@TempDir Path home) throws Exception {
        killRunAfterCheckpoint(home, "crashed", 10);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            RunOutcome resumed = supervisor.resume("crashed", PatternData.of(16, 4, 12)).completion().join();
            assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
            RunOutcome clean = supervisor.start(PatternData.config("clean", STEPS), PatternData.of(16, 4, 12)).completion().join();
            assertThat(clean.status()).isEqualTo(RunStatus.COMPLETED);

            List<Double> crashed = losses(supervisor.runDir("crashed"));
            List<Double> uninterrupted = losses(supervisor.runDir("clean"));
            assertThat(crashed).hasSize(STEPS);
            assertThat(crashed).containsExactlyElementsOf(uninterrupted);
        }
    }

    /** Runs the child until it reports the checkpoint at {@code step}, then kills it. */
    private static void killRunAfterCheckpoint(Path home, String runId, int step) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                SupervisedRunProcess.class.getName(), home.toString(), runId, Integer.toString(STEPS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String wanted = "checkpoint " + step;
            String line = out.readLine();
            while (line != null && !line.equals(wanted)) {
                line = out.readLine();
            }
            assertThat(line).as("the child reached its checkpoint at step " + step).isEqualTo(wanted);
            process.destroyForcibly();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static List<Double> losses(Path runDir) {
        return RunJournal.steps(runDir).stream().map(MetricsLine.Step::loss).toList();
    }
}
