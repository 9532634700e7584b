package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The held-out exact-match metric of a run, on the golden tiny model: scored at step 0 (the base), at each
 * evaluation and at the end, written to metrics.jsonl and as events, kept in run.json across an extension.
 * The held-out file here is the training file itself (the tiny model can only memorise), so the score must
 * climb from the base's 0 to 1.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExactMatchMetricTest {
    private static final Path MODEL = Path.of(PatternData.MODEL);

    @TempDir
    Path home;

    private ServiceClient service() {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    /** Four exchanges "wA wB" → "wC", as chat-messages JSONL. */
    private Path exchanges() throws IOException {
        List<String> lines = new ArrayList<>();
        int[][] rows = {{1, 2, 30}, {5, 6, 40}, {9, 10, 50}, {13, 14, 60}};
        for (int[] r : rows) {
            lines.add("{\"messages\": [{\"role\": \"user\", \"content\": \"w" + r[0] + " w" + r[1] + "\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"w" + r[2] + "\"}]}");
        }
        return Files.write(home.resolve("exchanges.jsonl"), lines);
    }

    private TrainingConfig config(String runId, Path file, int steps) {
        return TrainingConfig.defaults(MODEL.toString(), file.toString()).withRunId(runId)
                .withLora(dev.whetstone.engine.LoraConfig.ofRank(8))
                .withData(file.toString(), DatasetFormat.CHAT_MESSAGES, TrainOn.ALL_ASSISTANT_MESSAGES, 0.0, 32)
                .withBatching(4, 1, steps)
                .withOptimizer(LearningRateSchedule.constant(),
                        dev.whetstone.engine.AdamParams.defaults().withLearningRate(1e-2).withEps(1e-8).withGradClipNorm(1.0))
                .withCadence(10, 10, 3, 0)
                .withSeed(3)
                .withSpikeFactor(0)                       // near-zero memorised losses make any wobble a "spike"
                .withEvalExactMatchFile(file.toString());
    }

    private static TrainingData load(TrainingConfig config) {
        try (HfTokenizer tokenizer = HfTokenizer.load(MODEL, "golden-qwen3")) {
            return TrainingDataLoader.load(config, tokenizer).data();
        }
    }

    private static Map<Long, Double> scores(Path runDir) {
        Map<Long, Double> scores = new java.util.TreeMap<>();
        for (MetricsLine line : RunJournal.metrics(runDir)) {
            if (line instanceof MetricsLine.Score s && s.name().equals(ExactMatchEvaluator.METRIC)) {
                assertThat(scores).doesNotContainKey(s.step());
                scores.put(s.step(), s.value());
            }
        }
        return scores;
    }

    @Test
    void theScoreIsWrittenAtStepZeroEachEvaluationAndTheEndAndRises() throws IOException {
        Path file = exchanges();
        TrainingConfig config = config("scored", file, 30);
        try (ServiceClient service = service()) {
            RunHandle run = new RunSupervisor(service, home).start(config, load(config));
            assertThat(run.completion().join().status()).isEqualTo(RunStatus.COMPLETED);

            Map<Long, Double> scores = scores(run.dir());
            assertThat(scores.keySet()).containsExactly(0L, 10L, 20L, 30L);
            assertThat(scores.get(0L)).isEqualTo(0.0);
            assertThat(scores.get(30L)).isEqualTo(1.0);
            List<RunEvent.MetricEvaluated> events = EventJournal.read(run.dir().resolve(RunJournal.EVENTS_FILE)).stream()
                    .map(EventJournal.Entry::event).filter(RunEvent.MetricEvaluated.class::isInstance)
                    .map(RunEvent.MetricEvaluated.class::cast).toList();
            assertThat(events).extracting(RunEvent.MetricEvaluated::step).containsExactly(0L, 10L, 20L, 30L);
            assertThat(events).allSatisfy(e -> assertThat(e.name()).isEqualTo(ExactMatchEvaluator.METRIC));
            assertThat(events.get(3).value()).isEqualTo(1.0);
            assertThat(RunJournal.readConfig(run.dir()).evalExactMatchFile()).isEqualTo(file.toString());
        }
    }

    @Test
    void anExtendedRunKeepsItsFileAndScoresOnFromWhereItWas() throws IOException {
        Path file = exchanges();
        TrainingConfig config = config("extended", file, 10);
        TrainingData data = load(config);
        try (ServiceClient service = service()) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            RunHandle first = supervisor.start(config, data);
            assertThat(first.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(scores(first.dir()).keySet()).containsExactly(0L, 10L);

            RunHandle more = supervisor.extend("extended", 10, data);
            assertThat(more.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(RunJournal.readConfig(more.dir()).evalExactMatchFile()).isEqualTo(file.toString());
            assertThat(scores(more.dir()).keySet()).containsExactly(0L, 10L, 20L);
        }
    }

    @Test
    void aBadHeldOutFileStopsTheRunBeforeItStartsNamingTheLine() throws IOException {
        Path file = exchanges();
        Path bad = Files.write(home.resolve("bad.jsonl"), List.of(Files.readAllLines(file).get(0), "{\"messages\": []}"));
        TrainingConfig config = config("refused", file, 10).withEvalExactMatchFile(bad.toString());
        try (ServiceClient service = service()) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            assertThatThrownBy(() -> supervisor.start(config, load(config))).isInstanceOf(DatasetException.class)
                    .hasMessageContaining(bad + ":2").hasMessageContaining("no assistant message");
            assertThat(supervisor.exists("refused")).isFalse();
        }
    }

    @Test
    void aRunJsonFromBeforeTheFieldExistedReadsAsNoHeldOutFile() throws IOException {
        Path dir = home.resolve("runs/old");
        RunJournal.create(dir, new StoredRun(PatternData.config("old", 5), RunCard.of(PatternData.of(4, 0, 12), List.of()))).close();
        Path runJson = dir.resolve(RunJournal.RUN_FILE);
        Files.writeString(runJson, Files.readString(runJson).replaceAll(",\\s*\"evalExactMatchFile\"\\s*:\\s*null", ""));
        assertThat(Files.readString(runJson)).doesNotContain("evalExactMatchFile");
        assertThat(RunJournal.readConfig(dir)).isEqualTo(PatternData.config("old", 5));
    }
}
