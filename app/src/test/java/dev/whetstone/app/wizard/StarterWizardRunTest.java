package dev.whetstone.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreset;
import dev.whetstone.resources.starter.StarterSkill;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target through the app: Home's "Fine-tune the starter" (the starter model and the word-kind skill
 * chosen in the wizard), Next to Review and Start with no edits, on the real engine; the run's own journal must
 * show held-out exact match at most 10% for the base (step 0) and at least 80% at the end. Slow (a minute or
 * more on 2 cores), but part of {@code mvn -B verify}; the wall time is printed (the budget is 3 minutes
 * on an idle 2-core machine, so the bound here is loose for a shared build box).
 */
@Tag("slow")
class StarterWizardRunTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theWizardsDefaultStarterRunLiftsHeldOutExactMatchFromAtMostTenToAtLeastEightyPercent(@TempDir Path home) {
        long started = System.nanoTime();
        try (TokenizerCache tokenizers = new TokenizerCache();
             ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            TrainWizardViewModel wizard = new TrainWizardViewModel(InlineExecutor.background(), tokenizers,
                    new RunSupervisor(service, home)::start, new RunningRuns(), FXCollections.observableArrayList(),
                    FXCollections.observableArrayList(), new StarterWizardPreset(home), RewardTrial.NONE);
            // what Home's "Fine-tune the starter" does (WhetstoneApp)
            StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
            wizard.model().set(ModelEntry.read(StarterKit.MODEL_NAME, StarterKit.installModel(home), ModelSource.ENGINE_HOME));
            wizard.dataset().set(skill.train());

            assertThat(wizard.next()).as(wizard.problem().get()).isTrue();          // Model → Data (checks the data)
            assertThat(wizard.next()).as(wizard.problem().get()).isTrue();          // Data → Method
            assertThat(wizard.next()).as(wizard.problem().get()).isTrue();          // Method → Review
            assertThat(wizard.review().get().config())
                    .isEqualTo(StarterPreset.config(StarterKit.modelDir(home).toString(), skill));
            wizard.start().join();
            assertThat(wizard.problem().get()).isEmpty();

            RunSummary run = RunSummary.list(home.resolve("runs")).get(0);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            List<MetricsLine.Score> scores = RunJournal.scores(home.resolve("runs").resolve(run.runId()), ExactMatchEvaluator.METRIC);
            double seconds = (System.nanoTime() - started) / 1e9;
            Path dir = home.resolve("runs").resolve(run.runId());
            double training = RunJournal.steps(dir).stream().reduce((a, b) -> b).map(MetricsLine.Step::elapsedS).orElse(Double.NaN);
            System.out.printf("starter from the wizard: exact match %s in %.1f s (the loop %.1f s, scorings included)%n",
                    scores.stream().map(m -> m.step() + "→" + m.value()).toList(), seconds, training);
            EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE)).forEach(e -> System.out.println(e.time() + " " + e.event()));
            assertThat(scores).extracting(MetricsLine.Score::step).containsExactly(0L, 25L, 50L, 75L, 100L);
            assertThat(scores.get(0).value()).isLessThanOrEqualTo(0.10);
            assertThat(scores.get(scores.size() - 1).value()).isGreaterThanOrEqualTo(0.80);
        }
    }
}
