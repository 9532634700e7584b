package dev.whetstone.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.condition.OS.LINUX;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.io.TempDir;

/** In a headless JVM (the tests) the notifier shows nothing, even with notify-send on PATH, and never throws. */
@EnabledOnOs(LINUX)
class DesktopNotifierTest {
    @TempDir
    Path dir;

    @Test
    void aHeadlessJvmRunsNoNotifySendAndDoesNotThrow() throws Exception {
        assertThat(GraphicsEnvironment.isHeadless()).as("surefire runs with java.awt.headless=true").isTrue();
        Path called = dir.resolve("called");
        Map<String, String> env = Map.of("PATH", fakeNotifySend(called).toString());
        try (DesktopNotifier notifier = new DesktopNotifier(() -> true, env)) {
            notifier.show(new Notification("Run r1 finished", "Completed 6 steps."));
        }   // close() waits for the queued notification
        assertThat(called).doesNotExist();
    }

    @Test
    void notificationsTurnedOffInTheSettingsAreNotQueued() throws Exception {
        Path called = dir.resolve("called");
        Map<String, String> env = Map.of("PATH", fakeNotifySend(called).toString());
        try (DesktopNotifier notifier = new DesktopNotifier(() -> false, env)) {
            notifier.show(new Notification("Run r1 failed", "At step 2: boom"));
        }
        assertThat(called).doesNotExist();
    }

    private Path fakeNotifySend(Path called) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\ntouch '" + called + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
