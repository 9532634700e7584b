package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"text": "..."}} rows: plain-text documents for continued pretraining. */
final class TextRows implements RowParser {

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        JsonNode text = row.get("text");
        if (text == null || !text.isTextual()) {
            return RowParser.missing(problems, where, "text", "a string");
        }
        return new TextExample(where, text.asText());
    }
}
