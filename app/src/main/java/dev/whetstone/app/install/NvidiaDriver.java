package dev.whetstone.app.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The NVIDIA kernel driver, as Linux reports it in {@code /proc/driver/nvidia/version}; absent elsewhere. */
public final class NvidiaDriver {
    private static final Path VERSION = Path.of("/proc/driver/nvidia/version");

    private NvidiaDriver() {
    }

    /** The driver's first version line ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15 ..."), if loaded. */
    public static Optional<String> version() {
        return version(VERSION);
    }

    static Optional<String> version(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.of("present") : Optional.of(lines.get(0).replaceAll("\\s+", " ").strip());
        } catch (IOException e) {
            return Optional.of("present (" + e.getMessage() + ")");
        }
    }
}
