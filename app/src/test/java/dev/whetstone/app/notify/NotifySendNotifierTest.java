package dev.whetstone.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.condition.OS.LINUX;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.io.TempDir;

/** notify-send found on PATH and run with the title and body as arguments (a stand-in script records them). */
@EnabledOnOs(LINUX)
class NotifySendNotifierTest {
    @TempDir
    Path dir;

    @Test
    void isFoundOnPathAndGetsTheTitleAndBodyAsArguments() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path out = dir.resolve("args.txt");
        Path script = bin.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + out + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path found = NotifySendNotifier.find(Map.of("PATH", dir.resolve("empty") + File.pathSeparator + bin)).orElseThrow();
        new NotifySendNotifier(found).show(new Notification("Run r1 failed", "At step 3: out of memory"));

        assertThat(found).isEqualTo(script);
        assertThat(Files.readAllLines(out)).containsExactly("--app-name=Whetstone", "Run r1 failed", "At step 3: out of memory");
    }

    @Test
    void isNotFoundWhenNoFolderOnPathHasIt() {
        assertThat(NotifySendNotifier.find(Map.of("PATH", dir.toString()))).isEmpty();
        assertThat(NotifySendNotifier.find(Map.of())).isEmpty();
    }
}
