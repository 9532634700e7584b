package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run supervisor: a complete run's journal, retention, divergence guard and controls. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunSupervisorTest {
    @TempDir
    Path home;

    private ServiceClient service() {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    @Test
    void aRunWritesItsJournalAndTheLossFalls() {
        TrainingData data = PatternData.of(16, 4, 12);
        try (ServiceClient service = service()) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            RunHandle run = supervisor.start(PatternData.config("complete", 20), data);
            RunOutcome outcome = run.completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(outcome.steps()).isEqualTo(20);

            List<JsonNode> metrics = rawMetrics(run.dir());
            List<JsonNode> steps = metrics.stream().filter(m -> m.has("loss")).toList();
            assertThat(steps).hasSize(20);
            assertThat(steps).allSatisfy(m -> assertThat(m.fieldNames()).toIterable()
                    .contains("step", "loss", "lr", "grad_norm", "tokens_per_s", "trained_tokens", "elapsed_s", "eta_s"));
            assertThat(steps.get(19).get("loss").asDouble()).isLessThan(steps.get(0).get("loss").asDouble() * 0.7);
            assertThat(metrics.stream().filter(m -> m.has("eval_loss")).count()).isGreaterThanOrEqualTo(4);
            assertThat(RunJournal.steps(run.dir())).extracting(MetricsLine.Step::loss)
                    .containsExactlyElementsOf(steps.stream().map(m -> m.get("loss").asDouble()).toList());

            List<EventJournal.Entry> events = EventJournal.read(run.dir().resolve(RunJournal.EVENTS_FILE));
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(events.get(i - 1).seq() + 1);
            }
            assertThat(events.get(0).event()).isInstanceOf(RunEvent.RunStarted.class);
            assertThat(events.get(events.size() - 1).event()).isEqualTo(new RunEvent.RunCompleted(20, outcome.finalEvalLoss(), false));
            // retention: keep the last 2 periodic checkpoints (+ the best) and the final one
            var listed = service.checkpoints().listCheckpoints("complete");
            assertThat(listed).extracting(c -> c.checkpointId()).contains("weights/final", "sampler_weights/final")
                    .doesNotContain("weights/000000", "weights/000005");
            assertThat(RunJournal.readConfig(run.dir()).runId()).isEqualTo("complete");
        }
    }

    @Test
    void anAbsurdLearningRateIsCaughtRolledBackAndPaused() {
        TrainingData data = PatternData.of(16, 0, 12);
        TrainingConfig config = PatternData.config("diverging", 30)
                .withOptimizer(LearningRateSchedule.constant(),
                        dev.whetstone.engine.AdamParams.defaults().withLearningRate(1e35));
        try (ServiceClient service = service()) {
            RunHandle run = new RunSupervisor(service, home).start(config, data);
            CompletableFuture<RunEvent.RunPaused> paused = new CompletableFuture<>();
            run.onEvent(e -> {
                if (e.event() instanceof RunEvent.RunPaused p) {
                    paused.complete(p);
                }
            });
            RunEvent.RunPaused pause = paused.join();
            assertThat(pause.reason()).contains("divergence guard").contains("learning rate");
            List<EventJournal.Entry> events = EventJournal.read(run.dir().resolve(RunJournal.EVENTS_FILE));
            assertThat(events).extracting(EventJournal.Entry::event).hasAtLeastOneElementOfType(RunEvent.DivergenceDetected.class)
                    .hasAtLeastOneElementOfType(RunEvent.RolledBack.class);
            run.controls().stop();
            RunOutcome outcome = run.completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.STOPPED);
            // the metrics hold only the steps that survived the rollback, one line per step
            List<MetricsLine.Step> steps = RunJournal.steps(run.dir());
            assertThat(steps).allSatisfy(m -> assertThat(m.loss()).isFinite());
            assertThat(steps.stream().map(MetricsLine.Step::step).distinct().count()).isEqualTo(steps.size());
        }
    }

    @Test
    void pauseSaveNowAndStopAndSaveWork() {
        TrainingData data = PatternData.of(16, 0, 12);
        try (ServiceClient service = service()) {
            RunHandle run = new RunSupervisor(service, home).start(PatternData.config("controlled", 1000), data);
            CompletableFuture<Void> firstStep = new CompletableFuture<>();
            run.onEvent(e -> {
                if (e.event() instanceof RunEvent.CheckpointSaved) {
                    firstStep.complete(null);
                }
            });
            run.controls().pause();
            firstStep.join();
            assertThat(run.controls().isPaused()).isTrue();
            run.controls().stopAndSave();
            RunOutcome outcome = run.completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(outcome.steps()).isLessThan(1000);
            assertThat(service.checkpoints().listCheckpoints("controlled")).extracting(c -> c.checkpointId())
                    .anyMatch(id -> id.startsWith("weights/stopped-"));
        }
    }

    /** The lines of metrics.jsonl as plain JSON: the file format CLI.md pins, not the engine's reading of it. */
    private static List<JsonNode> rawMetrics(Path dir) {
        try {
            List<JsonNode> lines = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(dir.resolve(RunJournal.METRICS_FILE))) {
                lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
