package dev.whetstone.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which program "Show in folder" starts on each system, and what it says when there is none. */
class ShowInFolderTest {
    @TempDir
    Path tmp;

    @Test
    void eachSystemHasItsFileManagerAndTheOverrideWins() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("runs/r1"));
        Path xdgOpen = Files.createDirectories(tmp.resolve("bin")).resolve("xdg-open");
        Files.writeString(xdgOpen, "#!/bin/sh\n");
        Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> path = Map.of("PATH", xdgOpen.getParent().toString());
        String target = folder.toAbsolutePath().toString();

        assertThat(new ShowInFolder(path, "Linux", Runnable::run).command(folder)).contains(List.of(xdgOpen.toString(), target));
        assertThat(new ShowInFolder(Map.of(), "Mac OS X", Runnable::run).command(folder)).contains(List.of("open", target));
        assertThat(new ShowInFolder(Map.of(), "Windows 11", Runnable::run).command(folder)).contains(List.of("explorer.exe", target));
        assertThat(new ShowInFolder(Map.of("WHETSTONE_FILE_MANAGER", "thunar"), "Linux", Runnable::run).command(folder))
                .contains(List.of("thunar", target));
    }

    @Test
    void noFileManagerOrNoFolderIsSaidInWordsNotThrown() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("runs/r1"));
        ShowInFolder none = new ShowInFolder(Map.of("PATH", tmp.toString()), "Linux", Runnable::run);
        ShowInFolder.Outcome outcome = none.open(folder).join();
        assertThat(outcome.opened()).isFalse();
        assertThat(outcome.text()).contains("No file manager found").contains("WHETSTONE_FILE_MANAGER").contains(folder.toString());
        assertThat(none.open(tmp.resolve("gone")).join().text()).contains("does not exist");
    }
}
