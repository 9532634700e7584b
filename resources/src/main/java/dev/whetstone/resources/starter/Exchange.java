package dev.whetstone.resources.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One user turn and the assistant's reply, stored as a chat-messages JSONL row.
 *
 * <p>Example: {@code Exchange.write(file, List.of(new Exchange("hi", "hello !")));}
 */
public record Exchange(String user, String assistant) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJsonLine() {
        ObjectNode row = JSON.createObjectNode();
        ArrayNode messages = row.putArray("messages");
        messages.addObject().put("role", "user").put("content", user);
        messages.addObject().put("role", "assistant").put("content", assistant);
        return row.toString();
    }

    public static Exchange fromJsonLine(String line) {
        try {
            var messages = JSON.readTree(line).get("messages");
            return new Exchange(messages.get(0).get("content").asText(), messages.get(1).get("content").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, List<Exchange> rows) throws IOException {
        List<String> lines = new ArrayList<>(rows.size());
        rows.forEach(r -> lines.add(r.toJsonLine()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    public static List<Exchange> read(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(Exchange::fromJsonLine).toList();
    }
}
