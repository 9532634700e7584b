package dev.whetstone.app.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledAppTest {

    @Test
    void readsTheNativeFolderTheInstallerWrote(@TempDir Path app) throws IOException {
        Path natives = Files.createDirectories(app.resolve("native"));
        Files.writeString(natives.resolve(InstalledApp.DESCRIPTION), """
                libtorch.version=2.7.1
                libtorch.flavor=cpu
                libtorch.folder=pytorch/2.7.1-cpu-linux-x86_64
                tokenizers.folder=tokenizers
                jna.folder=jna
                """);

        InstalledApp installed = InstalledApp.find("/opt/whetstone/bin/whetstone", natives.toString()).orElseThrow();

        assertThat(installed.launcher()).isEqualTo(Path.of("/opt/whetstone/bin/whetstone"));
        assertThat(installed.libtorchFolder()).isEqualTo(natives.resolve("pytorch/2.7.1-cpu-linux-x86_64"));
        assertThat(installed.tokenizersFolder()).isEqualTo(natives.resolve("tokenizers"));
        assertThat(installed.jnaFolder()).isEqualTo(natives.resolve("jna"));
        assertThat(installed.appFolder()).isEqualTo(app);
    }

    @Test
    void aBuildFromSourceIsNoInstalledApp(@TempDir Path app) {
        assertThat(InstalledApp.find(null, null)).isEmpty();
        assertThat(InstalledApp.find("/usr/bin/whetstone", null)).isEmpty();
        assertThat(InstalledApp.find("/usr/bin/whetstone", app.resolve("missing").toString())).isEmpty();
    }

    @Test
    void aDamagedDescriptionNamesTheMissingKeyAndTheFix(@TempDir Path natives) throws IOException {
        Files.writeString(natives.resolve(InstalledApp.DESCRIPTION), "libtorch.version=2.7.1\n");

        assertThatThrownBy(() -> InstalledApp.find("/opt/w/bin/w", natives.toString()))
                .hasMessageContaining("libtorch.flavor").hasMessageContaining("reinstall");
    }
}
