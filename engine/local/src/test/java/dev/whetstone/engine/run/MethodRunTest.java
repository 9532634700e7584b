package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DPO and GRPO runs through the supervisor on the golden tiny model: their journals, the cached DPO reference, and a
 * reward program that crashes mid-run: the run saves a checkpoint and pauses, then continues once it is fixed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class MethodRunTest {
    @TempDir
    Path home;

    private TrainingDataLoader.Loaded load(TrainingConfig config) {
        try (HfTokenizer tokenizer = HfTokenizer.load(Path.of(PatternData.MODEL), "tiny")) {
            return TrainingDataLoader.load(config, tokenizer);
        }
    }

    @Test
    void aDpoRunCachesItsReferenceAndJournalsTheCookbooksMetrics() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add("{\"prompt\": \"w" + i + " w" + (i + 1) + "\", \"chosen\": \"w" + (i + 2) + "\", \"rejected\": \"w" + (i + 9) + " w3\"}");
        }
        Path pairs = Files.write(home.resolve("pairs.jsonl"), rows);
        TrainingConfig config = PatternData.config("dpo", 6).withData(pairs.toString(), null, TrainOn.ALL_ASSISTANT_MESSAGES, 0.25, 64)
                .withCadence(3, 0, 1, 0).withDpo(DpoSettings.defaults().withBeta(0.5));
        TrainingDataLoader.Loaded loaded = load(config);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.data().examples()).isEqualTo(9);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = new RunSupervisor(service, home).start(config, loaded.data());
            assertThat(run.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.dir().resolve("reference_logprobs.json")).isRegularFile();
            List<MetricsLine.TrainingStep> steps = RunJournal.trainingSteps(run.dir());
            assertThat(steps).hasSize(6).allSatisfy(s -> assertThat(s).isInstanceOf(MetricsLine.DpoStep.class));
            MetricsLine.DpoStep first = (MetricsLine.DpoStep) steps.get(0);
            assertThat(first.loss()).as("policy = reference at step 1: −log σ(0)").isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(first.accuracy()).isBetween(0.0, 1.0);
            assertThat(first.margin()).isCloseTo(first.chosenReward() - first.rejectedReward(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(new ObjectMapper().readTree(stepLine(run.dir())).fieldNames()).toIterable().as("the file names the cookbook's metrics")
                    .containsExactly("step", "epoch", "loss", "accuracy", "margin", "chosen_reward", "rejected_reward", "lr",
                            "grad_norm", "tokens_per_s", "elapsed_s", "eta_s");
            List<MetricsLine.Score> held = RunJournal.scores(run.dir(), DpoObjective.PREFERENCE_ACCURACY);
            assertThat(held).extracting(MetricsLine.Score::step).containsExactly(0L, 3L, 6L);
            assertThat(RunJournal.scores(run.dir(), DpoObjective.REWARD_ACCURACY)).extracting(MetricsLine.Score::step)
                    .containsExactly(0L, 3L, 6L);
            List<MetricsLine.Eval> evals = RunJournal.metrics(run.dir()).stream()
                    .flatMap(m -> m instanceof MetricsLine.Eval e ? java.util.stream.Stream.of(e) : java.util.stream.Stream.empty()).toList();
            assertThat(evals).extracting(MetricsLine.Eval::step).containsExactly(0L, 3L, 6L);
            assertThat(evals.get(0).evalLoss()).as("held out at step 0: the policy is the reference")
                    .isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-4));
            MetricsLine.TrainingStep last = steps.get(steps.size() - 1);
            assertThat(last.loss()).as("the training pairs are learned").isLessThan(first.loss());
            assertThat(RunJournal.readConfig(run.dir()).objective()).isEqualTo(TrainingConfig.Objective.DPO);
        }
    }

    @Test
    void aRewardProgramThatCrashesPausesTheRunWithACheckpointAndItContinuesOnceFixed() throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/bin/python3")))
                .as("python3").isTrue();
        Path broken = home.resolve("broken");
        Path program = Files.writeString(home.resolve("reward.py"), """
                import json, os, sys
                if os.path.exists(sys.argv[1]):
                    sys.exit("the reward's data file is missing")
                for line in sys.stdin:
                    row = json.loads(line)
                    print(1.0 if row["answer"] in row["completion"] else 0.0)
                """);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add("{\"prompt\": \"w" + i + " w" + (i + 1) + "\", \"answer\": \"w" + (i % 3) + "\"}");
        }
        Path prompts = Files.write(home.resolve("prompts.jsonl"), rows);
        TrainingConfig config = PatternData.config("grpo", 5).withData(prompts.toString(), null, TrainOn.ALL_ASSISTANT_MESSAGES, 0.0, 64)
                .withCadence(0, 0, 2, 0).withGrpo(GrpoSettings.defaultsWithCommand("python3 " + program + " " + broken)
                        .withSampling(4, 4, 1.0));
        TrainingDataLoader.Loaded loaded = load(config);
        assertThat(loaded.problems()).isEmpty();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = new RunSupervisor(service, home).start(config, loaded.data());
            CompletableFuture<RunEvent.RunPaused> paused = new CompletableFuture<>();
            run.onMetrics(line -> {
                if (line instanceof MetricsLine.GrpoStep g && g.step() == 2) {
                    try {
                        Files.writeString(broken, "x");   // from step 3 on the program fails
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            run.onEvent(e -> {
                if (e.event() instanceof RunEvent.RunPaused p) {
                    paused.complete(p);
                }
            });
            RunEvent.RunPaused pause = paused.join();
            assertThat(pause.step()).isEqualTo(2);
            assertThat(pause.reason()).startsWith("the reward failed: the reward command").contains("exit code 1")
                    .contains("the reward's data file is missing");
            assertThat(RunJournal.checkpoints(run.dir())).extracting(CheckpointLine::name).contains("000002");
            Files.delete(broken);
            run.controls().resume();
            RunOutcome outcome = run.completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(outcome.steps()).isEqualTo(5);
            List<MetricsLine.TrainingStep> steps = RunJournal.trainingSteps(run.dir());
            assertThat(steps).extracting(MetricsLine::step).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(steps).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(MetricsLine.GrpoStep.class, g -> {
                assertThat(g.rewardMean()).isBetween(0.0, 1.0);
                assertThat(g.fracNoSignal()).isBetween(0.0, 1.0);
                assertThat(g.completionTokens()).isBetween(0.0, 4.0);
            }));
            assertThat(new ObjectMapper().readTree(stepLine(run.dir())).fieldNames()).toIterable().as("the file names the cookbook's metrics")
                    .containsExactly("step", "epoch", "loss", "reward_mean", "reward_std", "frac_no_signal", "completion_tokens",
                            "kl_sample_train_v1", "kl_sample_train_v2", "lr", "grad_norm", "tokens_per_s", "elapsed_s", "eta_s");
            assertThat(EventJournal.read(run.dir().resolve(RunJournal.EVENTS_FILE))).extracting(EventJournal.Entry::event)
                    .hasAtLeastOneElementOfType(RunEvent.RunUnpaused.class);
        }
    }

    /** The first step line of the run's {@code metrics.jsonl} as written. */
    private static String stepLine(Path dir) {
        return RunFileCodec.rawLines(dir.resolve(RunJournal.METRICS_FILE)).stream().filter(l -> l.contains("\"loss\""))
                .findFirst().orElseThrow();
    }
}
