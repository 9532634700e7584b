package dev.whetstone.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the machine a run measured: the CPU model (from /proc/cpuinfo), its cores and the load. */
public record Machine(String cpu, int cores, String load) {

    /** Reads the machine now. */
    public static Machine now() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), loadAverage());
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code "1.02 0.87 0.65"}, or {@code "?"}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }
}
