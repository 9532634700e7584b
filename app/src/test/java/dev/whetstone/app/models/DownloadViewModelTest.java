package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.fx.Units;
import dev.whetstone.engine.hub.FakeHub;
import dev.whetstone.engine.hub.HubSettings;
import dev.whetstone.engine.hub.ModelDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Download dialog's model, without a stage, against the loopback hub serving the golden tiny model. */
class DownloadViewModelTest {
    private static final String REPO = "whetstone-test/qwen3-tiny";

    @TempDir
    Path cache;

    private FakeHub hub;
    private String commit;
    private final ModelDetailsViewModel details = new ModelDetailsViewModel(new SimpleObjectProperty<>());
    private final List<Path> downloaded = new CopyOnWriteArrayList<>();
    private DownloadViewModel model;

    @BeforeEach
    void start() throws IOException {
        hub = FakeHub.start();
        commit = hub.addModel(REPO, GoldenModel.FOLDER);
        model = new DownloadViewModel(InlineExecutor.background(),
                new ModelDownloader(new HubSettings(hub.endpoint(), cache, null, false)), details, downloaded::add);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void suggestionsShowTheirDownloadAndTheModelsPanesLoraEstimate() {
        RecommendedModel qwen = RecommendedModel.all().stream().filter(m -> m.repoId().equals("Qwen/Qwen3-0.6B")).findFirst()
                .orElseThrow();
        DownloadViewModel.Suggestion before = suggestionFor(qwen);
        assertThat(before.download()).isEqualTo(Units.bytes(qwen.downloadBytes()));
        assertThat(before.loraMemory()).isEqualTo("≈ " + Units.bytes(LoraMemoryEstimate.of(qwen.shape(), details.settings(), 4)
                .totalBytes()));

        details.setSequenceLength(4096);   // the Models pane's settings change: so do the dialog's estimates

        assertThat(suggestionFor(qwen).loraMemory()).isNotEqualTo(before.loraMemory());
        assertThat(model.estimateBasis()).contains("rank 32").contains("4,096 tokens");
    }

    @Test
    void choosingASuggestionFillsTheRepoIdAndAGatedOneSaysWhatItNeeds() {
        RecommendedModel llama = RecommendedModel.all().stream().filter(RecommendedModel::gated).findFirst().orElseThrow();
        model.revision().set("v2");

        model.choose(llama);

        assertThat(model.repoId().get()).isEqualTo(llama.repoId());
        assertThat(model.revision().get()).isEqualTo("main");
        assertThat(model.message().get()).contains("is gated").contains("HF_TOKEN");
    }

    @Test
    void downloadingShowsProgressThenHandsTheFolderToTheModelsList() throws Exception {
        model.repoId().set(REPO);

        model.start().get(60, TimeUnit.SECONDS);

        Path snapshot = cache.resolve("models--whetstone-test--qwen3-tiny/snapshots").resolve(commit);
        assertThat(downloaded).containsExactly(snapshot);
        assertThat(model.downloading().get()).isFalse();
        assertThat(model.progress().get()).isEqualTo(1.0);
        assertThat(model.messageIsError().get()).isFalse();
        assertThat(model.message().get()).contains(REPO + " is ready at " + snapshot);
        assertThat(ModelEntry.read(REPO, snapshot, ModelSource.HF_CACHE).usable()).isTrue();
    }

    @Test
    void stopKeepsWhatArrivedAndTheNextDownloadContinues() throws Exception {
        hub.stallNextDownloadAfter(50_000);
        model.repoId().set(REPO);
        var first = model.start();
        hub.awaitStall();
        Path partial = cache.resolve("models--whetstone-test--qwen3-tiny/blobs")
                .resolve(FakeHub.sha256(hub.file(REPO, "model.safetensors")) + ".incomplete");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(partial) && Files.size(partial) == 50_000);
        assertThat(model.downloading().get()).isTrue();

        model.cancel();
        first.get(30, TimeUnit.SECONDS);

        assertThat(model.downloading().get()).isFalse();
        assertThat(model.status().get()).startsWith("Stopped");
        assertThat(downloaded).isEmpty();
        model.start().get(60, TimeUnit.SECONDS);
        assertThat(downloaded).hasSize(1);
        assertThat(hub.requests()).anySatisfy(r -> assertThat(r.range()).isEqualTo("bytes=50000-"));
    }

    @Test
    void aGatedRepoShowsWhatToDo() throws Exception {
        hub.gate(REPO, "hf_granted");
        model.repoId().set(REPO);

        model.start().get(30, TimeUnit.SECONDS);

        assertThat(model.messageIsError().get()).isTrue();
        assertThat(model.message().get()).contains("is a gated model").contains("HF_TOKEN");
        assertThat(downloaded).isEmpty();
    }

    @Test
    void aBadRepoIdIsRefusedBeforeAnyRequest() {
        model.repoId().set("just-a-name");

        assertThat(model.start()).isCompleted();

        assertThat(model.messageIsError().get()).isTrue();
        assertThat(model.message().get()).contains("repo id must be Owner/Name");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void theFootnoteSaysWhereFilesGo() {
        assertThat(model.whereFilesGo()).contains(cache.toString()).contains(hub.endpoint().toString());
    }

    private DownloadViewModel.Suggestion suggestionFor(RecommendedModel wanted) {
        return model.suggestions().stream().filter(s -> s.model().equals(wanted)).findFirst().orElseThrow();
    }
}
