package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a folder either yields its config or a problem that names the fix. */
class ModelEntryTest {

    @Test
    void aHuggingFaceFolderIsUsable() {
        ModelEntry entry = ModelEntry.read("tiny", GoldenModel.FOLDER, ModelSource.LOCAL_FOLDER);
        assertThat(entry.usable()).isTrue();
        assertThat(entry.config().numLayers()).isEqualTo(2);
        assertThat(entry.problem()).isNull();
    }

    @Test
    void aFolderWithoutConfigSaysWhichFolderToChoose(@TempDir Path dir) {
        ModelEntry entry = ModelEntry.read("x", dir, ModelSource.LOCAL_FOLDER);
        assertThat(entry.usable()).isFalse();
        assertThat(entry.problem()).contains(dir + " has no config.json").contains("the one holding config.json");
    }

    @Test
    void aGarbledConfigShowsTheReadersMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"BertModel\"]}");
        ModelEntry entry = ModelEntry.read("x", dir, ModelSource.LOCAL_FOLDER);
        assertThat(entry.usable()).isFalse();
        assertThat(entry.problem()).contains("BertModel");
    }

    @Test
    void aFolderWithoutWeightsSaysToDownloadThem(@TempDir Path dir) throws IOException {
        Files.copy(GoldenModel.FOLDER.resolve("config.json"), dir.resolve("config.json"));
        ModelEntry entry = ModelEntry.read("x", dir, ModelSource.LOCAL_FOLDER);
        assertThat(entry.problem()).contains("no *.safetensors").contains("Download…");
    }

    @Test
    void aFileIsNotAFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hi");
        assertThat(ModelEntry.read("x", file, ModelSource.LOCAL_FOLDER).problem()).contains("is not a folder");
    }
}
