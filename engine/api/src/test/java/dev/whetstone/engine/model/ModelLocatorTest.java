package dev.whetstone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("user");
    }

    private Path engineHome() {
        return tmp.resolve("whetstone");
    }

    private static Path modelFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }

    private Path resolve(String model, Map<String, String> env) {
        return ModelLocator.resolve(model, engineHome(), env, home());
    }

    @Test
    void folderWithConfigIsItself() throws IOException {
        Path dir = modelFolder(tmp.resolve("my-model"));
        assertThat(resolve(dir.toString(), Map.of())).isEqualTo(dir);
    }

    @Test
    void folderWithoutConfigIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> resolve(dir.toString(), Map.of())).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir + " has no config.json");
    }

    @Test
    void repoIdFindsTheSnapshotNamedByRefsMain() throws IOException {
        Path repo = home().resolve(".cache/huggingface/hub/models--Qwen--Qwen3-0.6B");
        Path wanted = modelFolder(repo.resolve("snapshots/abc123"));
        Path newer = modelFolder(repo.resolve("snapshots/zzz999"));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "abc123\n");
        assertThat(resolve("Qwen/Qwen3-0.6B", Map.of())).isEqualTo(wanted);
    }

    @Test
    void repoIdWithoutRefsTakesTheNewestSnapshot() throws IOException {
        Path snapshots = tmp.resolve("hubcache/models--Org--Name/snapshots");
        Path older = modelFolder(snapshots.resolve("aaa"));
        Path newer = modelFolder(snapshots.resolve("bbb"));
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
        assertThat(resolve("Org/Name", Map.of("HF_HUB_CACHE", tmp.resolve("hubcache").toString()))).isEqualTo(newer);
    }

    @Test
    void hubCacheFollowsHuggingFaceEnvironmentVariables() {
        assertThat(ModelLocator.hubCache(Map.of("HF_HUB_CACHE", "/a", "HF_HOME", "/b"), home()))
                .isEqualTo(Path.of("/a"));
        assertThat(ModelLocator.hubCache(Map.of("HF_HOME", "/b"), home())).isEqualTo(Path.of("/b/hub"));
        assertThat(ModelLocator.hubCache(Map.of("XDG_CACHE_HOME", "/c"), home()))
                .isEqualTo(Path.of("/c/huggingface/hub"));
        assertThat(ModelLocator.hubCache(Map.of(), home())).isEqualTo(home().resolve(".cache/huggingface/hub"));
    }

    @Test
    void hfHomeIsSearched() throws IOException {
        Path snapshot = modelFolder(tmp.resolve("hfhome/hub/models--Org--Name/snapshots/r1"));
        assertThat(resolve("Org/Name", Map.of("HF_HOME", tmp.resolve("hfhome").toString()))).isEqualTo(snapshot);
    }

    @Test
    void repoIdFallsBackToTheEngineModelsFolder() throws IOException {
        Path byFullName = modelFolder(engineHome().resolve("models/Org--Name"));
        assertThat(resolve("Org/Name", Map.of())).isEqualTo(byFullName);
        Path byShortName = modelFolder(engineHome().resolve("models/Other"));
        assertThat(resolve("Org/Other", Map.of())).isEqualTo(byShortName);
    }

    @Test
    void notFoundListsEveryPlaceAndTheFix() {
        assertThatThrownBy(() -> resolve("Org/Name", Map.of())).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model Org/Name was not found")
                .hasMessageContaining(home().resolve(".cache/huggingface/hub/models--Org--Name/snapshots").toString())
                .hasMessageContaining(engineHome().resolve("models/Org--Name").toString())
                .hasMessageContaining(engineHome().resolve("models/Name").toString())
                .hasMessageContaining("whetstone pull Org/Name")
                .hasMessageContaining("pass the model's folder");
    }

    @Test
    void missingFolderThatIsNoRepoIdIsNamed() {
        String path = tmp.resolve("a/b/c").toString();
        assertThatThrownBy(() -> resolve(path, Map.of())).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(path + " does not exist");
        assertThatThrownBy(() -> resolve(" ", Map.of())).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no base model given");
    }
}
