package dev.whetstone.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The engine's tiny golden Qwen3 model folder (2 layers, hidden 32, vocab 128), used as a real model on disk. */
public final class GoldenModel {
    /** The folder, relative to the app module (the tests' working directory). */
    public static final Path FOLDER = Path.of("..", "engine", "local", "src", "test", "resources", "golden", "qwen3_tied", "model")
            .toAbsolutePath().normalize();

    private GoldenModel() {
    }

    /** Copies the model folder to {@code target} (created) and returns it. */
    public static Path copyTo(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(FOLDER)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
