package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFoldersTest {

    @Test
    void findsAddedFoldersTheHubCacheAndTheEngineHome(@TempDir Path tmp) {
        Path hub = tmp.resolve("hub");
        GoldenModel.copyTo(hub.resolve("models--Qwen--Qwen3-Tiny/snapshots/0123abc"));
        GoldenModel.copyTo(tmp.resolve("home/models/Org--Local-Tiny"));
        Path added = GoldenModel.copyTo(tmp.resolve("mine/tiny"));
        List<Double> progress = new ArrayList<>();

        List<ModelEntry> found = new ModelFolders(tmp.resolve("home"), hub).scan(List.of(added), progress::add);

        assertThat(found).extracting(ModelEntry::name).containsExactly("tiny", "Qwen/Qwen3-Tiny", "Org/Local-Tiny");
        assertThat(found).extracting(ModelEntry::source)
                .containsExactly(ModelSource.LOCAL_FOLDER, ModelSource.HF_CACHE, ModelSource.ENGINE_HOME);
        assertThat(found).allMatch(ModelEntry::usable);
        assertThat(progress).endsWith(1.0).isSorted();
    }

    @Test
    void snapshotsWithoutConfigAreSkippedAndBrokenOnesListed(@TempDir Path tmp) throws IOException {
        Path hub = tmp.resolve("hub");
        Files.createDirectories(hub.resolve("models--A--partial/snapshots/r1"));
        Files.createDirectories(hub.resolve("datasets--A--data/snapshots/r1"));
        Path broken = Files.createDirectories(hub.resolve("models--A--broken/snapshots/r1"));
        Files.writeString(broken.resolve("config.json"), "{}");

        List<ModelEntry> found = new ModelFolders(tmp.resolve("home"), hub).scan(List.of(), p -> { });

        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("A/broken");
            assertThat(e.usable()).isFalse();
        });
    }

    @Test
    void missingFoldersMeanNoModels(@TempDir Path tmp) {
        assertThat(new ModelFolders(tmp.resolve("none"), tmp.resolve("nohub")).scan(List.of(), p -> { })).isEmpty();
    }

    @Test
    void hubCacheFollowsHuggingFacesEnvironmentVariables() {
        Path user = Path.of("/home/u");
        assertThat(HubCache.folder(Map.of(), user)).isEqualTo(Path.of("/home/u/.cache/huggingface/hub"));
        assertThat(HubCache.folder(Map.of("XDG_CACHE_HOME", "/x"), user)).isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubCache.folder(Map.of("HF_HOME", "/hf"), user)).isEqualTo(Path.of("/hf/hub"));
        assertThat(HubCache.folder(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/c"), user)).isEqualTo(Path.of("/c"));
    }
}
