package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/** A JSON array of {@code {"role", "content"}} messages, or a string read as one user message, as rows write them. */
final class MessageList {

    private MessageList() {
    }

    /**
     * The messages of {@code array} (field {@code field} of the row); null after reporting the first bad message.
     */
    static List<ChatMessage> read(JsonNode array, String field, SourceLine where, ProblemLog problems) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode message = array.get(i);
            String at = field + "[" + i + "]";
            if (!message.path("role").isTextual()) {
                RowParser.missing(problems, where, at + ".role", "a string");
                return null;
            }
            String content = RowParser.text(message.get("content"));
            if (content == null) {
                RowParser.missing(problems, where, at + ".content", "a string (or a list of text parts)");
                return null;
            }
            messages.add(new ChatMessage(message.get("role").asText(), content));
        }
        return messages;
    }

    /**
     * A prompt given as text (one user message) or as messages; null after reporting why it is neither or is empty.
     */
    static List<ChatMessage> prompt(JsonNode node, String field, SourceLine where, ProblemLog problems) {
        if (node != null && node.isTextual()) {
            return List.of(ChatMessage.user(node.asText()));
        }
        if (node == null || !node.isArray()) {
            RowParser.missing(problems, where, field, "a string or an array of {role, content}");
            return null;
        }
        List<ChatMessage> messages = read(node, field, where, problems);
        if (messages != null && messages.isEmpty()) {
            problems.add(LintRule.UNREADABLE_ROW, where, field, "the prompt has no message");
            return null;
        }
        return messages;
    }
}
