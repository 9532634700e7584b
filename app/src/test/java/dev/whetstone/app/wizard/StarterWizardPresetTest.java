package dev.whetstone.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.datasets.SampleData;
import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreset;
import dev.whetstone.resources.starter.StarterSkill;
import java.nio.file.Path;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard on the starter model and a starter skill starts from the starter preset, with the skill's held-out metric. */
class StarterWizardPresetTest {
    @TempDir
    Path home;
    private final TokenizerCache tokenizers = new TokenizerCache();

    @AfterEach
    void close() {
        tokenizers.close();
    }

    private TrainWizardViewModel wizard() {
        return new TrainWizardViewModel(InlineExecutor.background(), tokenizers, (config, data) -> {
            throw new IllegalStateException("no engine in this test");
        }, new RunningRuns(), FXCollections.observableArrayList(), FXCollections.observableArrayList(),
                new StarterWizardPreset(home), RewardTrial.NONE);
    }

    private ModelEntry starter() {
        return ModelEntry.read(StarterKit.MODEL_NAME, StarterKit.installModel(home), ModelSource.ENGINE_HOME);
    }

    @Test
    void theStarterOnASkillReviewsAsTheStarterPresetWithTheHeldOutFileAttached() {
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_COUNT);
        TrainWizardViewModel wizard = wizard();
        wizard.model().set(starter());
        wizard.dataset().set(skill.train());

        assertThat(wizard.exactMatchFile().get()).isEqualTo(skill.heldout());
        assertThat(wizard.method().steps().get()).isEqualTo(StarterPreset.STEPS);
        assertThat(wizard.method().applyTo(wizard.baseConfig()))
                .isEqualTo(StarterPreset.config(starter().folder().toString(), skill));
    }

    @Test
    void startingOverFromAnEditedReviewShowsTheStarterPresetAgainOnTheModelStep() {
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
        TrainWizardViewModel wizard = wizard();
        wizard.model().set(starter());
        wizard.dataset().set(skill.train());
        wizard.next();
        wizard.checkData();
        wizard.maxLength().set(512);
        wizard.validationFraction().set(0.2);
        wizard.checkData();
        wizard.next();
        wizard.method().steps().set(7);
        wizard.method().learningRate().set(0.1);
        wizard.next();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.REVIEW);

        wizard.startOver(starter(), skill.train());

        assertThat(wizard.step().get()).isEqualTo(WizardStep.MODEL);
        assertThat(wizard.review().get()).isNull();
        assertThat(wizard.data().summary().get()).isEqualTo("Not checked yet.");
        assertThat(wizard.maxLength().get()).isEqualTo(StarterPreset.config("m", skill).maxLength());
        assertThat(wizard.validationFraction().get()).isZero();
        assertThat(wizard.method().steps().get()).isEqualTo(StarterPreset.STEPS);
        assertThat(wizard.method().applyTo(wizard.baseConfig())).isEqualTo(StarterPreset.config(starter().folder().toString(), skill));
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.data().summary().get()).contains("0 errors");
    }

    @Test
    void nextOnDataThatIsNotCheckedChecksItAndStays() {
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
        TrainWizardViewModel wizard = wizard();
        wizard.model().set(starter());
        wizard.next();
        wizard.dataset().set(skill.train());

        assertThat(wizard.next()).isFalse();

        assertThat(wizard.step().get()).isEqualTo(WizardStep.DATA);
        assertThat(wizard.problem().get()).isEmpty();
        assertThat(wizard.data().summary().get()).contains("read as chat messages").contains("0 errors");
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.METHOD);
    }

    @Test
    void theReviewSaysHowManyEpochsTheStepsMake() {
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
        TrainWizardViewModel wizard = wizard();
        wizard.model().set(starter());
        wizard.dataset().set(skill.train());
        wizard.next();
        wizard.next();
        wizard.next();
        wizard.next();
        String card = wizard.review().get().card();
        assertThat(card).containsPattern("100 steps of batch 8 ≈ \\d+(\\.\\d)? epochs of \\d+ examples")
                .contains("All assistant messages").contains("(chat messages)").contains("eval every 25 steps")
                .contains("checkpoint only at the end").doesNotContain("1 epochs").doesNotContain("ALL_").doesNotContain("QWEN");
    }

    @Test
    void anotherDatasetGoesBackToTheWizardDefaults() {
        StarterKit.SkillFiles skill = StarterKit.installDataset(home, StarterSkill.WORD_KIND);
        TrainWizardViewModel wizard = wizard();
        wizard.model().set(starter());
        wizard.dataset().set(skill.train());
        wizard.dataset().set(SampleData.clean(home.resolve("mine.jsonl")));

        TrainingConfig defaults = TrainingConfig.defaults("m", "d");
        assertThat(wizard.exactMatchFile().get()).isNull();
        assertThat(wizard.method().steps().get()).isZero();
        assertThat(wizard.method().learningRate().get()).isEqualTo(defaults.adam().learningRate());
        assertThat(wizard.maxLength().get()).isEqualTo(defaults.maxLength());
        assertThat(wizard.validationFraction().get()).isEqualTo(defaults.validationFraction());
        assertThat(wizard.method().applyTo(wizard.baseConfig()).evalExactMatchFile()).isNull();
    }
}
