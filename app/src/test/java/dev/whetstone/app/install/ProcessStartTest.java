package dev.whetstone.app.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcessStartTest {
    @TempDir
    Path dir;

    @Test
    void readsTheStartTicksAfterACommandNameWithSpacesAndParentheses() throws Exception {
        // fields 3..21 are placeholders; field 22 (start time) is 150,000 ticks = 1500.00 s after boot
        StringBuilder stat = new StringBuilder("4242 (java (a) b) S");
        for (int field = 4; field <= 21; field++) {
            stat.append(' ').append(field);
        }
        stat.append(" 150000 23 24 25\n");
        Path statFile = Files.writeString(dir.resolve("stat"), stat);
        Path uptime = Files.writeString(dir.resolve("uptime"), "1502.37 3000.10\n");

        assertEquals(OptionalLong.of(2370), ProcessStart.fromProc(statFile, uptime));
    }

    @Test
    void saysNothingWhereTheFilesAreMissingOrGarbled() throws Exception {
        Path garbled = Files.writeString(dir.resolve("stat"), "no fields here");
        Path uptime = Files.writeString(dir.resolve("uptime"), "12.5 3.0\n");

        assertEquals(OptionalLong.empty(), ProcessStart.fromProc(dir.resolve("missing"), uptime));
        assertEquals(OptionalLong.empty(), ProcessStart.fromProc(garbled, uptime));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void agreesWithTheJvmsOwnUptimeOnLinux() {
        // the process starts a little before the JVM does (the launcher), never after it and never a second before
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long since = ProcessStart.millisSince();
        long uptimeAfter = ManagementFactory.getRuntimeMXBean().getUptime();

        assertTrue(since >= uptime - 20, "since process start " + since + " ms, JVM uptime " + uptime + " ms");
        assertTrue(since <= uptimeAfter + 300, "since process start " + since + " ms, JVM uptime " + uptimeAfter + " ms");
    }
}
