package dev.whetstone.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The run folders main wrote before the run files were typed ({@code engine/api/src/test/resources/legacy-runs/main-1a751dc},
 * see its README), installed under an engine home as a user who had them would have them: their data files beside
 * them, the golden model where they were trained on it, and the home's path in place of the one they were written under.
 */
public final class LegacyRuns {
    /** The fixture, relative to the app module (the tests' working directory). */
    static final Path FIXTURE = Path.of("..", "engine", "api", "src", "test", "resources", "legacy-runs", "main-1a751dc")
            .toAbsolutePath().normalize();
    /** The engine home the fixture was written under. */
    private static final String WRITTEN_UNDER = "/tmp/whetstone-legacy-fixture-home";

    private LegacyRuns() {
    }

    /** Copies the fixture's {@code runs/} and {@code data/} into {@code home} and the golden model to {@code home/models/qwen3_tied}. */
    public static Path install(Path home) {
        GoldenModel.copyTo(home.resolve("models/qwen3_tied"));
        String here = home.toAbsolutePath().toString();
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path from : files.toList()) {
                Path to = home.resolve(FIXTURE.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (from.getFileName().toString().matches(".*\\.jsonl?")) {
                    Files.writeString(to, Files.readString(from, StandardCharsets.UTF_8).replace(WRITTEN_UNDER, here));
                } else {
                    Files.copy(from, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }
}
