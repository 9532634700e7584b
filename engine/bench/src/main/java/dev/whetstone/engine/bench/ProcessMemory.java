package dev.whetstone.engine.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status}: now ({@code VmRSS}) and the peak so far
 * ({@code VmHWM}).
 */
public record ProcessMemory(long rssBytes, long peakRssBytes) {

    /** This JVM's memory (zeros where /proc is missing). */
    public static ProcessMemory self() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return new ProcessMemory(0, 0);
        }
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return new ProcessMemory(rss, peak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
