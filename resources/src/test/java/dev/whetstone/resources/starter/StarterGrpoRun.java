package dev.whetstone.resources.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The GRPO target on the starter, as a measurement rather than a test: a short SFT warm start on the word-kind
 * skill (the base never answers exactly), then the preset's {@value StarterPreset#GRPO_STEPS} GRPO steps from its final
 * checkpoint with the exact-match reward against each row's answer; it prints the held-out mean reward at step 0 and
 * every 10 steps (README: 0.088 → 0.211). Not in {@code mvn -B verify}: over 10 steps the held-out reward is noise
 * (two trials: 0.088 → 0.088 and → 0.056), and 30 steps take minutes on 2 cores; GRPO's mechanics are tested by
 * {@code MethodRunTest}, {@code PreferenceRlGoldenTest} and the wizard's {@code PreferenceAndRlWizardTest}.
 *
 * <p>Run: {@code java -cp ... dev.whetstone.resources.starter.StarterGrpoRun [STEPS]}, or scripts/starter-methods.sh
 * (the same run through {@code whetstone starter --method grpo}).
 */
final class StarterGrpoRun {
    private static final String REWARD = "eval/reward_mean";

    private StarterGrpoRun() {
    }

    static List<MetricsLine.Score> run(Path home, int grpoSteps) {
        long t0 = System.nanoTime();
        Path model = StarterKit.installModel(home);
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
             HfTokenizer tokenizer = HfTokenizer.load(model, StarterKit.MODEL_NAME)) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            TrainingConfig sft = StarterPreset.config(model.toString(), skill.train().toString())
                    .withBatching(StarterPreset.BATCH_SIZE, 1, StarterPreset.GRPO_WARM_START_STEPS).withRunId("warm-start");
            RunOutcome warm = supervisor.start(sft, TrainingDataLoader.load(sft, tokenizer).data()).completion().join();
            double warmSeconds = (System.nanoTime() - t0) / 1e9;
            TrainingConfig grpo = StarterPreset.grpoConfig(model.toString(), skill, warm.finalCheckpoint())
                    .withBatching(StarterPreset.BATCH_SIZE, 1, grpoSteps).withRunId("grpo");
            TrainingDataLoader.Loaded loaded = TrainingDataLoader.load(grpo, tokenizer);
            assertThat(loaded.problems()).isEmpty();
            RunOutcome outcome = supervisor.start(grpo, loaded.data()).completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
            List<MetricsLine.Score> scores = RunJournal.scores(home.resolve("runs/grpo"), REWARD);
            System.out.printf("starter GRPO: warm start %d SFT steps in %.1f s; held-out mean reward %s; %.1f s in all%n",
                    StarterPreset.GRPO_WARM_START_STEPS, warmSeconds,
                    scores.stream().map(m -> m.step() + "→" + m.value()).toList(), (System.nanoTime() - t0) / 1e9);
            return scores;
        }
    }

    /** {@code StarterGrpoRun [STEPS]}: the preset's run (or STEPS GRPO steps) and its printout. */
    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("starter-grpo"), args.length > 0 ? Integer.parseInt(args[0]) : StarterPreset.GRPO_STEPS);
    }
}
