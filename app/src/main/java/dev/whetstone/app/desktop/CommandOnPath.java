package dev.whetstone.app.desktop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A program found on {@code PATH} the way a shell finds it: {@code CommandOnPath.find(env, "xdg-open")}.
 */
public final class CommandOnPath {
    private CommandOnPath() {
    }

    /** The executable {@code name} in the first folder of {@code env}'s {@code PATH} that has one. */
    public static Optional<Path> find(Map<String, String> env, String name) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
