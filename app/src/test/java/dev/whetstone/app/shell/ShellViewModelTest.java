package dev.whetstone.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.settings.SettingsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {

    @Test
    void startsOnHomeTheFirstTime(@TempDir Path home) {
        assertThat(new ShellViewModel(SettingsFile.under(home)).place().get()).isEqualTo(Place.HOME);
    }

    @Test
    void navigationIsRememberedForTheNextStart(@TempDir Path home) {
        new ShellViewModel(SettingsFile.under(home)).navigate(Place.CHECKPOINTS);
        assertThat(new ShellViewModel(SettingsFile.under(home)).place().get()).isEqualTo(Place.CHECKPOINTS);
    }

    @Test
    void digitsOneToSevenPickThePanesInOrder(@TempDir Path home) {
        ShellViewModel shell = new ShellViewModel(SettingsFile.under(home));
        assertThat(shell.navigateByDigit(2)).isTrue();
        assertThat(shell.place().get()).isEqualTo(Place.MODELS);
        assertThat(shell.navigateByDigit(7)).isTrue();
        assertThat(shell.place().get()).isEqualTo(Place.PLAYGROUND);
    }

    @Test
    void otherDigitsDoNothing(@TempDir Path home) {
        ShellViewModel shell = new ShellViewModel(SettingsFile.under(home));
        shell.navigate(Place.RUNS);
        assertThat(shell.navigateByDigit(8)).isFalse();
        assertThat(shell.navigateByDigit(0)).isFalse();
        assertThat(shell.place().get()).isEqualTo(Place.RUNS);
    }

    @Test
    void windowSizeIsRemembered(@TempDir Path home) {
        new ShellViewModel(SettingsFile.under(home)).rememberWindowSize(1400, 900);
        ShellViewModel next = new ShellViewModel(SettingsFile.under(home));
        assertThat(next.windowWidth()).isEqualTo(1400);
        assertThat(next.windowHeight()).isEqualTo(900);
    }

    @Test
    void anUnknownRememberedPaneFallsBackToHome() {
        assertThat(Place.parse("WIZARD")).isEqualTo(Place.HOME);
        assertThat(Place.parse(null)).isEqualTo(Place.HOME);
    }

    @Test
    void unbuiltPanesNameTheirIssueAndBuiltOnesDoNot() {
        assertThat(Place.HOME.comingWithIssue()).isEmpty();
        assertThat(Place.MODELS.comingWithIssue()).isEmpty();
        assertThat(Place.DATASETS.comingWithIssue()).isEmpty();
        assertThat(Place.PLAYGROUND.comingWithIssue()).isEmpty();
        assertThat(Place.TRAIN.shortcut()).isEqualTo("Ctrl+4");
    }

    @Test
    void aMaximisedWindowKeepsThePlaceItHadBeforeAndTheThemeIsSaved(@TempDir Path home) {
        ShellViewModel shell = new ShellViewModel(SettingsFile.under(home));
        assertThat(shell.windowPosition()).isEmpty();
        shell.rememberWindow(50, 60, 1000, 700, false);
        shell.rememberWindow(0, 0, 1920, 1080, true);
        ShellViewModel next = new ShellViewModel(SettingsFile.under(home));
        assertThat(next.windowPosition()).hasValueSatisfying(at -> assertThat(at).containsExactly(50, 60));
        assertThat(next.windowWidth()).isEqualTo(1000);
        assertThat(next.windowMaximized()).isTrue();
        next.theme().set(Theme.DARK);
        assertThat(new ShellViewModel(SettingsFile.under(home)).theme().get()).isEqualTo(Theme.DARK);
    }
}
