package dev.whetstone.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.datasets.SampleData;
import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.run.MetricsLine;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's steps and their validation without a stage, on the golden tiny model. */
class TrainWizardViewModelTest {
    @TempDir
    Path tmp;
    private final TokenizerCache tokenizers = new TokenizerCache();
    private final ModelEntry tiny = ModelEntry.read("tiny", GoldenModel.FOLDER, ModelSource.LOCAL_FOLDER);
    private final AtomicReference<Object> started = new AtomicReference<>();

    private TrainWizardViewModel wizard() {
        return new TrainWizardViewModel(InlineExecutor.background(), tokenizers, (config, data) -> {
            started.set(config);
            throw new IllegalStateException("no engine in this test");
        }, new RunningRuns(), FXCollections.observableArrayList(tiny), FXCollections.observableArrayList(),
                WizardPreset.NONE, RewardTrial.NONE);
    }

    @AfterEach
    void close() {
        tokenizers.close();
    }

    @Test
    void theModelStepNeedsAModel() {
        TrainWizardViewModel wizard = wizard();
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.problem().get()).startsWith("Choose a base model");
        wizard.chooseDefaultModel();
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.DATA);
        assertThat(wizard.method().suggestion().get()).startsWith("Suggested ");
    }

    @Test
    void aBlockingLintFindingStopsTheWizardAtData() {
        TrainWizardViewModel wizard = wizard();
        wizard.chooseDefaultModel();
        wizard.next();
        wizard.dataset().set(SampleData.write(tmp.resolve("bad.jsonl"), SampleData.ROW_1, SampleData.BROKEN, SampleData.ROW_2));
        wizard.validationFraction().set(0);
        wizard.checkData();
        assertThat(wizard.data().blocking().get()).isTrue();
        assertThat(wizard.data().findings()).first().asString().startsWith("error · ").contains("bad.jsonl:2");
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.DATA);
        assertThat(wizard.problem().get()).contains("blocking problems");
    }

    @Test
    void cleanDataReachesReviewWithEstimatesAndTheRunCard() {
        TrainWizardViewModel wizard = wizard();
        wizard.chooseDefaultModel();
        wizard.next();
        wizard.dataset().set(SampleData.clean(tmp.resolve("clean.jsonl")));
        wizard.checkData();
        assertThat(wizard.data().summary().get()).contains("read as chat messages").contains("0 errors");
        assertThat(wizard.next()).isTrue();
        wizard.method().useSuggestion();
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.REVIEW);
        Review review = wizard.review().get();
        assertThat(review.card()).contains("LoRA rank 16").contains("clean.jsonl").contains("Memory").contains("Per epoch");
        assertThat(review.estimate().memoryBytes()).isPositive();
        assertThat(review.estimate().stepsPerEpoch()).isEqualTo(2);
    }

    @Test
    void aBadLearningRateIsRefusedWithItsValue() {
        TrainWizardViewModel wizard = wizard();
        wizard.chooseDefaultModel();
        wizard.next();
        wizard.dataset().set(SampleData.clean(tmp.resolve("clean.jsonl")));
        wizard.checkData();
        wizard.next();
        wizard.method().learningRate().set(0);
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.problem().get()).contains("learning rate must be > 0");
    }

    @Test
    void aFailedStartIsShownAndTheWizardStaysOnReview() {
        TrainWizardViewModel wizard = wizard();
        wizard.chooseDefaultModel();
        wizard.next();
        wizard.dataset().set(SampleData.clean(tmp.resolve("clean.jsonl")));
        wizard.checkData();
        wizard.next();
        wizard.next();
        assertThat(wizard.start()).isCompleted();
        assertThat(started.get()).isNotNull();
        assertThat(wizard.problem().get()).contains("Could not start the run: no engine in this test");
        assertThat(wizard.step().get()).isEqualTo(WizardStep.REVIEW);
    }

    @Test
    void addToQueueHandsTheReviewedConfigToTheQueueAndStaysOnReview() {
        TrainWizardViewModel wizard = wizard();
        dev.whetstone.engine.run.RunQueue queue = new dev.whetstone.engine.run.RunQueue(tmp.resolve("home"), 0);
        wizard.onAddToQueue(config -> java.util.concurrent.CompletableFuture.completedFuture("Queued " + queue.add(config).runId()));
        wizard.chooseDefaultModel();
        wizard.next();
        wizard.dataset().set(SampleData.clean(tmp.resolve("clean.jsonl")));
        wizard.checkData();
        wizard.next();
        wizard.next();

        assertThat(wizard.addToQueue()).isCompleted();

        assertThat(started.get()).isNull();
        assertThat(wizard.step().get()).isEqualTo(WizardStep.REVIEW);
        assertThat(queue.list()).singleElement().satisfies(c -> assertThat(c.dataset()).endsWith("clean.jsonl"));
        assertThat(queue.list().get(0)).usingRecursiveComparison().ignoringFields("runId").isEqualTo(wizard.review().get().config());
        assertThat(wizard.queuedNote().get()).isEqualTo("Queued " + queue.list().get(0).runId());
    }

    @Test
    void metricsBecomeOneProgressLine() {
        assertThat(LaunchedRun.format(new MetricsLine.Step(3, 0, 1.23456, 14.8, 12, 1e-3, 1, 812.4, 2, 10), 10))
                .isEqualTo("step 3/10 · loss 1.2346 · 812 tokens/s");
    }
}
