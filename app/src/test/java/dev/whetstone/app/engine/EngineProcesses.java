package dev.whetstone.app.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine process an engine home's app started, found by the pid its log begins with (for tests that kill it). */
public final class EngineProcesses {
    private static final Pattern HEADER = Pattern.compile("# whetstone serve, pid (\\d+), .*");

    private EngineProcesses() {
    }

    /** The live engine process whose log is under {@code home}, if there is one. */
    public static Optional<ProcessHandle> running(Path home) {
        Path log = home.resolve("app").resolve("engine-process.log");
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(log);
            Matcher m = lines.isEmpty() ? null : HEADER.matcher(lines.get(0));
            return m != null && m.matches() ? ProcessHandle.of(Long.parseLong(m.group(1))).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
