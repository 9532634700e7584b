package dev.whetstone.engine.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses one JSONL line into a row object, or says in the user's words why it is not one. A line must
 * hold exactly one JSON object: a second value on the same line (two rows glued together by an export) is
 * reported, never silently dropped.
 */
final class JsonRowParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The row, and what is wrong with the line: a line that is fine has no problem; a line that is not JSON has no
     * row; a line with more after its first object has both (the first object says which format the file is in,
     * but the line is still reported and not read).
     */
    record Parsed(JsonNode row, String problem) {
    }

    private JsonRowParser() {
    }

    static Parsed parse(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            JsonNode row = JSON.readTree(parser);
            if (row == null || row.isMissingNode()) {
                return problem("the line holds no JSON value");
            }
            if (!row.isObject()) {
                return problem("a row must be a JSON object ({...}), was " + kind(row));
            }
            long end = parser.currentLocation().getColumnNr();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                return new Parsed(row, "after the row ends at column " + (end - 1) + " the line goes on with text that is"
                        + " not JSON; remove it, or put each row on its own line");
            }
            if (after != null) {
                return new Parsed(row, "the line holds more than one JSON value (another starts at column "
                        + parser.currentTokenLocation().getColumnNr() + "); put each row on its own line");
            }
            return new Parsed(row, null);
        } catch (JsonProcessingException e) {
            return problem(JsonProblemText.of(e));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static Parsed problem(String message) {
        return new Parsed(null, message);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
