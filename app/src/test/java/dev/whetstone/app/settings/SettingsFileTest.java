package dev.whetstone.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @Test
    void aFirstStartHasTheDefaults(@TempDir Path home) {
        SettingsFile file = SettingsFile.under(home);
        assertThat(file.current()).isEqualTo(AppSettings.defaults());
        assertThat(file.path()).isEqualTo(home.resolve("app/settings.json"));
    }

    @Test
    void changesAreWrittenAndReadBack(@TempDir Path home) {
        SettingsFile.under(home).update(s -> s.withWindowSize(1300, 820).withLastPlace("MODELS")
                .withModelFolder("/data/qwen"));
        AppSettings read = SettingsFile.under(home).current();
        assertThat(read.windowWidth()).isEqualTo(1300);
        assertThat(read.windowHeight()).isEqualTo(820);
        assertThat(read.lastPlace()).isEqualTo("MODELS");
        assertThat(read.modelFolders()).containsExactly("/data/qwen");
    }

    @Test
    void aGarbledFileMeansTheDefaults(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("app"));
        Files.writeString(home.resolve("app/settings.json"), "{ not json");
        assertThat(SettingsFile.under(home).current()).isEqualTo(AppSettings.defaults());
    }

    @Test
    void tinyWindowsAreRaisedToTheMinimum() {
        AppSettings s = AppSettings.defaults().withWindowSize(10, 10);
        assertThat(s.windowWidth()).isEqualTo(AppSettings.MIN_WIDTH);
        assertThat(s.windowHeight()).isEqualTo(AppSettings.MIN_HEIGHT);
        assertThatThrownBy(() -> new AppSettings(10, 500, "HOME", null, null))
                .hasMessageContaining("window size must be at least");
    }

    @Test
    void notificationsAreOnByDefaultAndTurningThemOffIsKept(@TempDir Path home) {
        assertThat(AppSettings.defaults().notifications()).isTrue();
        SettingsFile.under(home).update(s -> s.withNotifications(false));
        assertThat(SettingsFile.under(home).current().notifications()).isFalse();
    }

    @Test
    void aSettingsFileFromBeforeNotificationsMeansOn(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("app"));
        Files.writeString(home.resolve("app/settings.json"),
                "{\"windowWidth\": 900, \"windowHeight\": 600, \"lastPlace\": \"RUNS\", \"modelFolders\": []}");
        AppSettings read = SettingsFile.under(home).current();
        assertThat(read.lastPlace()).isEqualTo("RUNS");
        assertThat(read.notifications()).isTrue();
    }

    @Test
    void theWindowPlaceThemeAndChooserFoldersAreKeptAndAnOlderFileReadsAsTheDefaults(@TempDir Path home) throws IOException {
        SettingsFile.under(home).update(s -> s.withWindow(40, 30, 1300, 820, false).withTheme("dark")
                .withLastFolder(LastFolders.EXPORT, home.toString()));
        AppSettings read = SettingsFile.under(home).current();
        assertThat(read.windowX()).isEqualTo(40);
        assertThat(read.windowY()).isEqualTo(30);
        assertThat(read.theme()).isEqualTo("dark");
        assertThat(new LastFolders(SettingsFile.under(home)).initial(LastFolders.EXPORT)).isEqualTo(home.toFile());
        assertThat(new LastFolders(SettingsFile.under(home)).initial(LastFolders.DATASET_IMPORT)).isNull();

        Files.writeString(home.resolve("app/settings.json"),
                "{\"windowWidth\": 900, \"windowHeight\": 600, \"lastPlace\": \"RUNS\", \"modelFolders\": []}");
        AppSettings old = SettingsFile.under(home).current();
        assertThat(old.windowX()).isNull();
        assertThat(old.theme()).isEqualTo("light");
        assertThat(old.maximized()).isFalse();
        assertThat(old.lastFolders()).isEmpty();
    }

    @Test
    void aRememberedFolderThatIsGoneOpensTheDefault(@TempDir Path home) {
        SettingsFile file = SettingsFile.under(home);
        new LastFolders(file).remember(LastFolders.MODEL_FOLDER, home.resolve("gone"));
        assertThat(new LastFolders(file).initial(LastFolders.MODEL_FOLDER)).isNull();
        assertThatThrownBy(() -> AppSettings.defaults().withTheme("purple")).hasMessageContaining("theme must be");
    }

    @Test
    void aFolderIsAddedOnceAndRemoved() {
        AppSettings s = AppSettings.defaults().withModelFolder("/a").withModelFolder("/a");
        assertThat(s.modelFolders()).containsExactly("/a");
        assertThat(s.withoutModelFolder("/a").modelFolders()).isEmpty();
    }
}
