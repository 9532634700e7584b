package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.settings.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models list's commands, without a stage: scanning, adding, dropping, removing. */
class ModelsViewModelTest {
    @TempDir
    Path tmp;

    private ModelsViewModel viewModel() {
        return new ModelsViewModel(InlineExecutor.background(),
                new ModelFolders(tmp.resolve("home"), tmp.resolve("hub")), SettingsFile.under(tmp.resolve("home")));
    }

    @Test
    void refreshListsTheEngineHomesModelsAndSelectsTheFirstUsable() {
        GoldenModel.copyTo(tmp.resolve("home/models/tiny-qwen3"));
        ModelsViewModel models = viewModel();
        assertThat(models.refresh()).isCompleted();
        assertThat(models.models()).extracting(ModelEntry::name).containsExactly("tiny-qwen3");
        assertThat(models.selected().get().name()).isEqualTo("tiny-qwen3");
        assertThat(models.scanning().get()).isFalse();
        assertThat(models.progress().get()).isEqualTo(1.0);
        assertThat(models.message().get()).isEqualTo("1 models found.");
    }

    @Test
    void anEmptyMachineSaysHowToGetAModel() {
        ModelsViewModel models = viewModel();
        models.refresh();
        assertThat(models.models()).isEmpty();
        assertThat(models.message().get()).contains("Download…");
    }

    @Test
    void addingAValidFolderSelectsAndRemembersIt() {
        Path dir = GoldenModel.copyTo(tmp.resolve("mine/tiny"));
        ModelsViewModel models = viewModel();
        models.addFolder(dir);
        assertThat(models.selected().get().folder()).isEqualTo(dir);
        assertThat(models.messageIsError().get()).isFalse();
        ModelsViewModel nextStart = viewModel();
        nextStart.refresh();
        assertThat(nextStart.models()).extracting(ModelEntry::folder).containsExactly(dir);
    }

    @Test
    void addingTheSameFolderTwiceListsItOnce() {
        Path dir = GoldenModel.copyTo(tmp.resolve("mine/tiny"));
        ModelsViewModel models = viewModel();
        models.addFolder(dir);
        models.addFolder(dir);
        assertThat(models.models()).hasSize(1);
    }

    @Test
    void addingABrokenFolderShowsTheFixAndAddsNothing() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ModelsViewModel models = viewModel();
        models.addFolder(empty);
        assertThat(models.models()).isEmpty();
        assertThat(models.messageIsError().get()).isTrue();
        assertThat(models.message().get()).contains("has no config.json");
    }

    @Test
    void droppingAConfigFileAddsItsFolderAndOtherFilesAreRefused() throws IOException {
        Path dir = GoldenModel.copyTo(tmp.resolve("mine/tiny"));
        ModelsViewModel models = viewModel();
        models.addDropped(List.of(dir.resolve("config.json")));
        assertThat(models.models()).extracting(ModelEntry::folder).containsExactly(dir);
        models.addDropped(List.of(dir.resolve("model.safetensors")));
        assertThat(models.messageIsError().get()).isTrue();
        assertThat(models.message().get()).contains("not the file model.safetensors");
    }

    @Test
    void removingForgetsOnlyAddedFolders() {
        GoldenModel.copyTo(tmp.resolve("home/models/found"));
        Path dir = GoldenModel.copyTo(tmp.resolve("mine/tiny"));
        ModelsViewModel models = viewModel();
        models.refresh();
        models.addFolder(dir);
        models.removeSelected();
        assertThat(models.models()).extracting(ModelEntry::name).containsExactly("found");
        models.selected().set(models.models().get(0));
        models.removeSelected();
        assertThat(models.models()).hasSize(1);
        assertThat(SettingsFile.under(tmp.resolve("home")).current().modelFolders()).isEmpty();
    }
}
