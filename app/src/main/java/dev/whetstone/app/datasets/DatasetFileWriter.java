package dev.whetstone.app.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes editor rows as JSONL: a conversation as {@code {"messages": [...]}}, a document as
 * {@code {"text": ...}}, and a broken row as the line it was read from, unchanged. Writes a temporary file
 * beside the target and moves it over, so a failed save leaves the old file whole. Blocks on disk.
 */
public final class DatasetFileWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes {@code rows} to {@code file} (its folder is created). */
    public void write(Path file, List<DatasetRow> rows) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (DatasetRow row : rows) {
                    out.write(line(row));
                    out.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JSONL line of one row. */
    static String line(DatasetRow row) throws IOException {
        if (row.isBroken()) {
            return row.raw();
        }
        ObjectNode node = JSON.createObjectNode();
        if (row.isConversation()) {
            ArrayNode messages = node.putArray("messages");
            for (ChatMessage m : row.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        } else {
            node.put("text", row.text());
        }
        return JSON.writeValueAsString(node);
    }
}
