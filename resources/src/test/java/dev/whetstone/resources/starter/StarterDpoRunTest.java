package dev.whetstone.resources.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DPO target on the starter: preference pairs made from the word-kind skill (the right reply chosen, a
 * wrong one rejected), the starter's DPO preset; held-out preference accuracy (the model finds the chosen reply more
 * likely than the rejected) goes from the base's level to at least 0.9. Run with {@code main} for the printout.
 */
@Tag("slow")
class StarterDpoRunTest {
    private static final String ACCURACY = "eval/preference_accuracy";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void dpoLiftsHeldOutPreferenceAccuracyToAtLeastNinetyPercent(@TempDir Path home) {
        List<MetricsLine.Score> scores = run(home);
        assertThat(scores).extracting(MetricsLine.Score::step).containsExactly(0L, 20L, 40L);
        assertThat(scores.get(0).value()).as("the base").isLessThan(0.9);
        assertThat(scores.get(scores.size() - 1).value()).isGreaterThanOrEqualTo(0.9);
    }

    static List<MetricsLine.Score> run(Path home) {
        long t0 = System.nanoTime();
        Path model = StarterKit.installModel(home);
        TrainingConfig config = StarterPreset.dpoConfig(model.toString(), StarterPreferences.install(home, StarterSkill.WORD_KIND));
        TrainingDataLoader.Loaded loaded;
        try (HfTokenizer tokenizer = HfTokenizer.load(model, StarterKit.MODEL_NAME)) {
            loaded = TrainingDataLoader.load(config, tokenizer);
        }
        assertThat(loaded.problems()).isEmpty();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = new RunSupervisor(service, home).start(config, loaded.data());
            RunOutcome outcome = run.completion().join();
            assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
            List<MetricsLine.Score> scores = RunJournal.scores(run.dir(), ACCURACY);
            System.out.printf("starter DPO: held-out preference accuracy %s in %.1f s%n",
                    scores.stream().map(m -> m.step() + "→" + m.value()).toList(), (System.nanoTime() - t0) / 1e9);
            return scores;
        }
    }

    /** {@code StarterDpoRunTest}: the run and its printout in a temporary engine home. */
    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("starter-dpo"));
    }
}
