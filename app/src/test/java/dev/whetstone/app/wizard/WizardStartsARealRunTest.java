package dev.whetstone.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.datasets.SampleData;
import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import dev.whetstone.engine.run.RunSupervisor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's Start hands its config and data to the real supervisor, and the run trains to the end. */
class WizardStartsARealRunTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void startRunsTheReviewedConfigOnTheEngine(@TempDir Path tmp) {
        Path home = tmp.resolve("home");
        try (TokenizerCache tokenizers = new TokenizerCache();
             ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            ModelEntry tiny = ModelEntry.read("tiny", GoldenModel.FOLDER, ModelSource.LOCAL_FOLDER);
            TrainWizardViewModel wizard = new TrainWizardViewModel(InlineExecutor.background(), tokenizers,
                    new RunSupervisor(service, home)::start, new RunningRuns(), FXCollections.observableArrayList(tiny),
                    FXCollections.observableArrayList(), WizardPreset.NONE, RewardTrial.NONE);
            wizard.chooseDefaultModel();
            wizard.next();
            wizard.dataset().set(SampleData.clean(tmp.resolve("clean.jsonl")));
            wizard.checkData();
            assertThat(wizard.next()).isTrue();
            assertThat(wizard.next()).as(wizard.problem().get()).isTrue();
            assertThat(wizard.step().get()).isEqualTo(WizardStep.REVIEW);
            wizard.start().join();
            assertThat(wizard.problem().get()).isEmpty();
            assertThat(wizard.step().get()).isEqualTo(WizardStep.STARTED);
            assertThat(RunSummary.list(home.resolve("runs"))).singleElement()
                    .satisfies(run -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED));
        }
    }
}
