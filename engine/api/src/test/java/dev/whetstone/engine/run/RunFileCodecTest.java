package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run-file line type written and read back through the one codec, equal to what went in. */
class RunFileCodecTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void aStepLineRoundTripsWithThePinnedFieldNames() {
        MetricsLine step = new MetricsLine.Step(12, 1, 2.31, 27.7, 12, 1.5e-4, Double.NaN, 812.4, 33.5, 120.25);
        String line = RunFileCodec.encode(step);
        assertThat(line).isEqualTo("{\"step\":12,\"epoch\":1,\"loss\":2.31,\"loss_sum\":27.7,\"trained_tokens\":12.0,"
                + "\"lr\":1.5E-4,\"grad_norm\":\"NaN\",\"tokens_per_s\":812.4,\"elapsed_s\":33.5,\"eta_s\":120.25}");
        assertThat(RunFileCodec.decodeMetrics(line)).containsExactly(step);
    }

    @Test
    void aDpoStepLineRoundTripsAsADpoStep() {
        MetricsLine step = new MetricsLine.DpoStep(3, 0, 0.69, 0.5, 0.01, 0.02, 0.01, 5e-6, 1.25, 90.5, 4.0, 8.0);
        String line = RunFileCodec.encode(step);
        assertThat(line).isEqualTo("{\"step\":3,\"epoch\":0,\"loss\":0.69,\"accuracy\":0.5,\"margin\":0.01,\"chosen_reward\":0.02,"
                + "\"rejected_reward\":0.01,\"lr\":5.0E-6,\"grad_norm\":1.25,\"tokens_per_s\":90.5,\"elapsed_s\":4.0,\"eta_s\":8.0}");
        assertThat(RunFileCodec.decodeMetrics(line)).containsExactly(step);
    }

    @Test
    void aGrpoStepLineRoundTripsAsAGrpoStep() {
        MetricsLine step = new MetricsLine.GrpoStep(2, 1, -0.01, 0.4, 0.3, 0.25, 11.5, 0.001, 1e-4, 1e-5, 0.5, 40.0, 6.0, 3.0);
        String line = RunFileCodec.encode(step);
        assertThat(line).isEqualTo("{\"step\":2,\"epoch\":1,\"loss\":-0.01,\"reward_mean\":0.4,\"reward_std\":0.3,"
                + "\"frac_no_signal\":0.25,\"completion_tokens\":11.5,\"kl_sample_train_v1\":0.001,\"kl_sample_train_v2\":1.0E-4,"
                + "\"lr\":1.0E-5,\"grad_norm\":0.5,\"tokens_per_s\":40.0,\"elapsed_s\":6.0,\"eta_s\":3.0}");
        assertThat(RunFileCodec.decodeMetrics(line)).containsExactly(step);
    }

    @Test
    void anEvalLineRoundTrips() {
        MetricsLine eval = new MetricsLine.Eval(25, 1.92);
        assertThat(RunFileCodec.encode(eval)).isEqualTo("{\"step\":25,\"eval_loss\":1.92}");
        assertThat(RunFileCodec.decodeMetrics(RunFileCodec.encode(eval))).containsExactly(eval);
    }

    @Test
    void aScoreLineRoundTripsUnderItsOwnName() {
        MetricsLine score = new MetricsLine.Score(0, "eval/exact_match", 0.28);
        assertThat(RunFileCodec.encode(score)).isEqualTo("{\"step\":0,\"eval/exact_match\":0.28}");
        assertThat(RunFileCodec.decodeMetrics(RunFileCodec.encode(score))).containsExactly(score);
    }

    @Test
    void aLineOfSeveralUnknownMetricsReadsAsOneScoreEach() {
        assertThat(RunFileCodec.decodeMetrics("{\"step\":3,\"reward/mean\":0.5,\"reward/std\":\"NaN\",\"note\":\"x\"}"))
                .containsExactly(new MetricsLine.Score(3, "reward/mean", 0.5), new MetricsLine.Score(3, "reward/std", Double.NaN));
    }

    @Test
    void aCheckpointLineRoundTripsWithTinkerPaths() {
        CheckpointLine checkpoint = new CheckpointLine("000040", 40, 1, TinkerPath.parse("tinker://r1/weights/000040"),
                TinkerPath.parse("tinker://r1/sampler_weights/000040"), null, 42);
        String line = RunFileCodec.encode(checkpoint);
        assertThat(line).isEqualTo("{\"name\":\"000040\",\"step\":40,\"epoch\":1,\"state_path\":\"tinker://r1/weights/000040\","
                + "\"sampler_path\":\"tinker://r1/sampler_weights/000040\",\"eval_loss\":null,\"data_seed\":42}");
        assertThat(RunFileCodec.decodeCheckpoint(line)).isEqualTo(checkpoint);
        CheckpointLine withEval = new CheckpointLine("final", 50, 1, checkpoint.statePath(), null, 1.25, 42);
        assertThat(RunFileCodec.decodeCheckpoint(RunFileCodec.encode(withEval))).isEqualTo(withEval);
    }

    @Test
    void aCheckpointLineWithABadPathIsNotRead() {
        assertThatThrownBy(() -> RunFileCodec.decodeCheckpoint("{\"name\":\"a\",\"step\":1,\"state_path\":\"/tmp/a\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a tinker:// path");
    }

    @Test
    void everyEventTypeRoundTrips() {
        Instant time = Instant.parse("2026-01-02T03:04:05.123456789Z");
        List<RunEvent> events = List.of(
                new RunEvent.RunStarted("r1", "Qwen/Qwen3-0.6B", 100, 90, 10, 2),
                new RunEvent.RunResumed(40, "tinker://r1/weights/000040", 100),
                new RunEvent.EvalCompleted(25, 1.92),
                new RunEvent.CheckpointSaved(40, "000040", "tinker://r1/weights/000040", "tinker://r1/sampler_weights/000040"),
                new RunEvent.CheckpointDeleted("000020", "retention: keep the last 2"),
                new RunEvent.RunPaused(41, "paused by the user"),
                new RunEvent.RunUnpaused(41),
                new RunEvent.DivergenceDetected(42, "loss", Double.NaN, "lower the learning rate"),
                new RunEvent.RolledBack(40, "tinker://r1/weights/000040"),
                new RunEvent.EarlyStopped(60, 1.5),
                new RunEvent.RunCompleted(100, null, false),
                new RunEvent.RunStopped(50, true),
                new RunEvent.RunFailed(50, "out of memory"),
                new RunEvent.MetricEvaluated(0, "eval/exact_match", 0.25),
                new RunEvent.InputChanged("dataset", "/data/chat.jsonl", SHA, null, "the dataset /data/chat.jsonl is gone"),
                new RunEvent.EngineLost(30, "The engine process (pid 4242) was killed (SIGKILL).", true));
        assertThat(RunEvent.class.getPermittedSubclasses()).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            EventJournal.Entry entry = new EventJournal.Entry(i + 1, time, events.get(i));
            String line = RunFileCodec.encode(entry);
            assertThat(line).startsWith("{\"seq\":" + (i + 1) + ",\"time\":\"2026-01-02T03:04:05.123456789Z\",\"type\":\"");
            assertThat(RunFileCodec.decodeEvent(line)).isEqualTo(entry);
        }
    }

    @Test
    void theRunFileRoundTripsItsConfigAndCard() {
        TrainingConfig config = TrainingConfig.defaults("Qwen/Qwen3-0.6B", "/data/chat.jsonl").withRunId("r1")
                .withData("/data/chat.jsonl", DatasetFormat.SHAREGPT, TrainOn.LAST_ASSISTANT_MESSAGE, 0.2, 512)
                .withLora(LoraConfig.ofRank(8).withSeed(7L))
                .withOptimizer(LearningRateSchedule.cosine(5), AdamParams.defaults().withLearningRate(1e-4))
                .withEvalExactMatchFile("/data/heldout.jsonl");
        RunCard card = new RunCard("1.2.3", 90, 10, 2, Instant.parse("2026-01-02T03:04:05Z"),
                TinkerPath.parse("tinker://r0/weights/000010"), 10L,
                List.of(new RunInput(RunInput.Role.DATASET, "/data/chat.jsonl", SHA),
                        new RunInput(RunInput.Role.WEIGHT_INDEX, "/m/model.safetensors.index.json", SHA)));
        StoredRun run = new StoredRun(config, card);
        String json = new String(RunFileCodec.encode(run), StandardCharsets.UTF_8);
        assertThat(json).contains("\"datasetFormat\" : \"sharegpt\"", "\"trainOn\" : \"last_assistant\"",
                "\"run_card\" : {", "\"engine_version\" : \"1.2.3\"", "\"branched_from\" : \"tinker://r0/weights/000010\"",
                "\"role\" : \"weight_index\"", "\"created\" : \"2026-01-02T03:04:05Z\"");
        assertThat(readBack(json)).isEqualTo(run);
    }

    @Test
    void aDetectedFormatIsWrittenAsAutoAndAFreshCardLeavesTheBranchOut() {
        TrainingConfig config = TrainingConfig.defaults("m", "/data/chat.jsonl").withRunId("r2");
        StoredRun run = new StoredRun(config, new RunCard("1.2.3", 1, 0, 0, Instant.EPOCH, null, null, List.of()));
        String json = new String(RunFileCodec.encode(run), StandardCharsets.UTF_8);
        assertThat(json).contains("\"datasetFormat\" : \"auto\"", "\"trainOn\" : \"all_assistant\"")
                .doesNotContain("branched_from", "branched_at_step");
        assertThat(readBack(json)).isEqualTo(run);
        assertThat(readBack(json).config().datasetFormat()).isNull();
    }

    @Test
    void aConfigsSettingsAreFlattenedAsTheRunFileSpellsThem() {
        java.util.Map<String, String> settings = RunFileCodec.settings(TrainingConfig.defaults("m", "/d.jsonl").withRunId("r"));
        assertThat(settings).containsEntry("runId", "r").containsEntry("adam.learningRate", "2.0E-4")
                .containsEntry("trainOn", "all_assistant").containsEntry("datasetFormat", "auto").containsEntry("steps", "null")
                .containsEntry("lora.rank", "16");
    }

    @Test
    void theQueueRoundTrips() throws IOException {
        List<TrainingConfig> queued = List.of(TrainingConfig.defaults("m", "/a.jsonl").withRunId("a"),
                TrainingConfig.defaults("m", "/b.jsonl").withRunId("b").withData("/b.jsonl", DatasetFormat.TEXT, TrainOn.ALL_TOKENS, 0, 64));
        Path file = Files.write(dir.resolve("queue.json"), RunFileCodec.encodeQueue(queued));
        assertThat(RunFileCodec.readQueue(file)).isEqualTo(queued);
    }

    @Test
    void aTornLineIsSkippedAndTheOthersStand() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"step\":1,\"eval_loss\":2.5}\n{\"step\":2,\"eval_lo\n");
        assertThat(RunFileCodec.readLines(file, RunFileCodec::decodeMetrics)).containsExactly(new MetricsLine.Eval(1, 2.5));
        assertThat(RunFileCodec.readLines(dir.resolve("absent.jsonl"), RunFileCodec::decodeMetrics)).isEmpty();
    }

    @Test
    void anUnreadableRunFileNamesItselfAndTheFix() throws IOException {
        Path file = Files.writeString(dir.resolve("run.json"), "{\"config\": {\"runId\": 3}");
        assertThatThrownBy(() -> RunFileCodec.readRun(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not a readable run file")
                .hasMessageContaining("restore it from a backup");
    }

    private StoredRun readBack(String json) {
        try {
            return RunFileCodec.readRun(Files.writeString(dir.resolve("run.json"), json));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
