package dev.whetstone.app.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small dataset files in the golden model's vocabulary (w0 … w121), for the datasets and wizard tests. */
public final class SampleData {
    public static final String ROW_1 = "{\"messages\": [{\"role\": \"user\", \"content\": \"w1 w2 w3\"}, {\"role\": \"assistant\", \"content\": \"w4 w5\"}]}";
    public static final String ROW_2 = "{\"messages\": [{\"role\": \"system\", \"content\": \"w9\"}, {\"role\": \"user\", \"content\": \"w6 w7\"}, {\"role\": \"assistant\", \"content\": \"w8 w10 w11\"}]}";
    public static final String BROKEN = "{\"messages\": [{\"role\": \"user\", \"content\": \"w1\"";
    public static final String ENDS_WITH_USER = "{\"messages\": [{\"role\": \"user\", \"content\": \"w12\"}]}";

    private SampleData() {
    }

    /** A file of {@code lines}. */
    public static Path write(Path file, String... lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Twelve clean conversations. */
    public static Path clean(Path file) {
        String[] rows = new String[12];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "{\"messages\": [{\"role\": \"user\", \"content\": \"w" + (20 + i) + " w2\"}, {\"role\": \"assistant\", \"content\": \"w"
                    + (40 + i) + " w5 w6\"}]}";
        }
        return write(file, rows);
    }
}
