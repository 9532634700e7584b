package dev.whetstone.app.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How long ago this process started, for the app's start-time lines. On Linux it reads the kernel's own clock
 * ({@code /proc/self/stat}'s start time and {@code /proc/uptime}, both counted from boot, to 10 ms):
 * {@link ProcessHandle.Info#startInstant()} adds the boot time, which Java takes from {@code /proc/stat} in whole
 * seconds, so its answer is too large by the boot time's lost fraction (490 ms on the build machine).
 * Elsewhere it uses {@code startInstant()}, which those systems report exactly.
 *
 * <p>{@code LOG.info("Window shown {} ms after the process started", ProcessStart.millisSince());}
 */
public final class ProcessStart {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path UPTIME = Path.of("/proc/uptime");
    private static final int START_TIME_FIELD = 22;   // proc(5): starttime, in clock ticks after boot
    private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the app is built for

    private ProcessStart() {
    }

    /** Milliseconds since this process started, or -1 if the system does not say. */
    public static long millisSince() {
        OptionalLong linux = fromProc(STAT, UPTIME);
        if (linux.isPresent()) {
            return linux.getAsLong();
        }
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
    }

    /** From a {@code /proc/<pid>/stat} and {@code /proc/uptime} pair; empty where they are missing or unreadable. */
    static OptionalLong fromProc(Path stat, Path uptime) {
        if (!Files.isReadable(stat) || !Files.isReadable(uptime)) {
            return OptionalLong.empty();
        }
        try {
            String line = Files.readString(stat);
            String up = Files.readString(uptime).trim();
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] after = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(after[START_TIME_FIELD - 3]);
            double upSeconds = Double.parseDouble(up.substring(0, up.indexOf(' ') > 0 ? up.indexOf(' ') : up.length()));
            return OptionalLong.of(Math.round((upSeconds - ticks / TICKS_PER_SECOND) * 1000));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
