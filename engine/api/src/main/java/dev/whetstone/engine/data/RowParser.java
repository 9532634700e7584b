package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one parsed JSON row of a format into an {@link Example}, or reports why it cannot. */
interface RowParser {

    /** The example, or null after adding at least one problem to {@code problems}. */
    Example parse(JsonNode row, SourceLine where, ProblemLog problems);

    static RowParser of(DatasetFormat format) {
        return switch (format) {
            case CHAT_MESSAGES -> new MessagesRows();
            case ALPACA -> new AlpacaRows();
            case SHAREGPT -> new ShareGptRows();
            case TEXT -> new TextRows();
            case PREFERENCE -> new PreferenceRows();
            case PROMPTS -> new PromptRows();
            case CSV -> throw new IllegalArgumentException("CSV rows are read by CsvRows, not as JSON");
        };
    }

    /** A problem for a missing or mistyped field. */
    static Example missing(ProblemLog problems, SourceLine where, String field, String expected) {
        problems.add(LintRule.UNREADABLE_ROW, where, field, "missing or not " + expected);
        return null;
    }

    /** Text of a string node, or of an OpenAI content-parts array ({@code [{"type": "text", "text": ...}]}); null otherwise. */
    static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    return null;
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        return null;
    }
}
