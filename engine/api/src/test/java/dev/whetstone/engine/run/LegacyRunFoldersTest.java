package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Run folders written by main before the run files were typed (the committed fixtures of
 * {@code legacy-runs/main-1a751dc}, see its README) read through the typed files: every status, every line,
 * and written back byte for byte as they were.
 */
class LegacyRunFoldersTest {
    static final Path FIXTURE = Path.of("src/test/resources/legacy-runs/main-1a751dc");
    private static final Path RUNS = FIXTURE.resolve("runs");

    @Test
    void everyOldRunIsListedWithItsStatusAndProgress() {
        Map<String, RunSummary> runs = RunSummary.list(RUNS).stream()
                .collect(Collectors.toMap(RunSummary::runId, Function.identity()));
        assertThat(runs).containsOnlyKeys("finished", "branched", "paused", "interrupted");
        assertThat(runs.get("finished")).extracting(RunSummary::status, RunSummary::step, RunSummary::totalSteps)
                .containsExactly(RunStatus.COMPLETED, 6L, 6L);
        assertThat(runs.get("branched")).extracting(RunSummary::status, RunSummary::step, RunSummary::totalSteps)
                .containsExactly(RunStatus.COMPLETED, 6L, 6L);
        assertThat(runs.get("paused")).extracting(RunSummary::status, RunSummary::step, RunSummary::totalSteps)
                .containsExactly(RunStatus.PAUSED, 4L, 30L);
        assertThat(runs.get("interrupted")).extracting(RunSummary::status, RunSummary::step, RunSummary::totalSteps)
                .containsExactly(RunStatus.INTERRUPTED, 5L, 30L);
        assertThat(runs.get("finished").lastLoss()).isFinite().isLessThan(runs.get("interrupted").lastLoss() + 1);
        assertThat(runs.get("finished").lastEvalLoss()).isFinite();
        assertThat(runs.values()).allSatisfy(r -> assertThat(r.baseModel()).endsWith("/models/qwen3_tied"));
    }

    @Test
    void anOldRunFileReadsAsTypedConfigAndCard() {
        StoredRun finished = RunJournal.readRun(RUNS.resolve("finished"));
        assertThat(finished.config().datasetFormat()).isNull();                     // "auto"
        assertThat(finished.config().trainOn()).isEqualTo(TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThat(finished.config().method()).isEqualTo(TrainingConfig.Method.LORA);
        assertThat(finished.config().evalExactMatchFile()).endsWith("/data/heldout.jsonl");
        assertThat(finished.runCard().engineVersion()).isEqualTo("0.1.0");
        assertThat(finished.runCard().trainExamples()).isEqualTo(11);
        assertThat(finished.runCard().inputs()).isEmpty();
        assertThat(finished.runCard().branchedFrom()).isNull();

        RunCard branched = RunJournal.readRun(RUNS.resolve("branched")).runCard();
        assertThat(branched.branchedFrom()).isEqualTo(TinkerPath.parse("tinker://finished/weights/000003"));
        assertThat(branched.branchedAtStep()).isEqualTo(3L);
    }

    @Test
    void oldMetricsReadAsStepEvalAndScoreLines() {
        List<MetricsLine> metrics = RunJournal.metrics(RUNS.resolve("finished"));
        assertThat(metrics).filteredOn(MetricsLine.Step.class::isInstance).extracting(MetricsLine::step)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(metrics).filteredOn(MetricsLine.Eval.class::isInstance).extracting(MetricsLine::step).containsExactly(3L, 6L);
        assertThat(RunJournal.scores(RUNS.resolve("finished"), "eval/exact_match")).extracting(MetricsLine::step)
                .containsExactly(0L, 3L, 6L);
        assertThat(RunJournal.steps(RUNS.resolve("finished"))).allSatisfy(s -> {
            assertThat(s.loss()).isPositive();
            assertThat(s.lr()).isPositive();
            assertThat(s.tokensPerS()).isPositive();
            assertThat(s.trainedTokens()).isPositive();
        });
    }

    @Test
    void oldCheckpointLinesReadWithTinkerPaths() {
        List<CheckpointLine> checkpoints = RunJournal.checkpoints(RUNS.resolve("finished"));
        assertThat(checkpoints).extracting(CheckpointLine::name).containsExactly("000000", "000003", "final");
        assertThat(checkpoints.get(2).statePath()).isEqualTo(new TinkerPath("finished", TinkerPath.Kind.WEIGHTS, "final"));
        assertThat(checkpoints.get(2).samplerPath()).isEqualTo(checkpoints.get(2).statePath().as(TinkerPath.Kind.SAMPLER_WEIGHTS));
        assertThat(checkpoints.get(0).evalLoss()).isNull();
        assertThat(checkpoints.get(1).evalLoss()).isNotNull();
        assertThat(checkpoints).allSatisfy(c -> assertThat(c.dataSeed()).isEqualTo(3));
    }

    @Test
    void oldEventsReadEveryOne() throws IOException {
        for (String run : List.of("finished", "branched", "paused", "interrupted")) {
            Path file = RUNS.resolve(run).resolve(RunJournal.EVENTS_FILE);
            assertThat(EventJournal.read(file)).hasSize(Files.readAllLines(file).size());
        }
        assertThat(EventJournal.read(RUNS.resolve("paused").resolve(RunJournal.EVENTS_FILE)))
                .last().extracting(EventJournal.Entry::event).isInstanceOf(RunEvent.RunPaused.class);
    }

    @Test
    void everyOldFileIsWrittenBackByteForByte() throws IOException {
        for (String run : List.of("finished", "branched", "paused", "interrupted")) {
            Path dir = RUNS.resolve(run);
            assertThat(new String(RunFileCodec.encode(RunJournal.readRun(dir)), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(dir.resolve(RunJournal.RUN_FILE)));
            for (String line : Files.readAllLines(dir.resolve(RunJournal.METRICS_FILE))) {
                List<MetricsLine> read = RunFileCodec.decodeMetrics(line);
                assertThat(read).hasSize(1);
                assertThat(RunFileCodec.encode(read.get(0))).isEqualTo(line);
            }
            for (String line : Files.readAllLines(dir.resolve(RunJournal.CHECKPOINTS_FILE))) {
                assertThat(RunFileCodec.encode(RunFileCodec.decodeCheckpoint(line))).isEqualTo(line);
            }
            for (String line : Files.readAllLines(dir.resolve(RunJournal.EVENTS_FILE))) {
                assertThat(RunFileCodec.encode(RunFileCodec.decodeEvent(line))).isEqualTo(line);
            }
        }
    }
}
