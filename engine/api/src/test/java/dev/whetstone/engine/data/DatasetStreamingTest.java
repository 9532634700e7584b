package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Files are streamed: read lazily, row by row, with no line held beyond {@link DatasetReader#MAX_LINE_CHARS}. */
class DatasetStreamingTest {

    private static final int ROWS = 200_000; // about 24 MB

    @TempDir
    Path dir;

    @Test
    void aMultiMegabyteFileIsReadLazilyRowByRow() throws IOException {
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < ROWS; i++) {
                out.write("{\"messages\": [{\"role\": \"user\", \"content\": \"question number " + i
                        + " padded with some text to make it longer\"}, {\"role\": \"assistant\", \"content\": \"answer " + i + "\"}]}\n");
            }
        }
        assertThat(Files.size(file)).isGreaterThan(20_000_000L);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            Iterator<Example> rows = reader.iterator();
            assertThat(rows.next().source().line()).isEqualTo(1);
            assertThat(reader.exampleCount()).isEqualTo(1); // nothing beyond the first row was parsed
            long count = 1;
            long lastLine = 1;
            while (rows.hasNext()) {
                lastLine = rows.next().source().line();
                count++;
            }
            assertThat(count).isEqualTo(ROWS);
            assertThat(lastLine).isEqualTo(ROWS);
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void aHugeLineIsSkippedWithoutBeingHeldAndTheNextRowsLoad() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"text\": \"before\"}\n{\"text\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) { // 20 MB on one line, over the 8 Mi-character limit
                out.write(chunk);
            }
            out.write("\"}\n{\"text\": \"after\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(reader).extracting(e -> ((TextExample) e).text()).containsExactly("before", "after");
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.where().line()).isEqualTo(2);
                assertThat(p.message()).contains("too long");
            });
        }
    }
}
