package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code {"conversations": [{"from": "human", "value": ...}, {"from": "gpt", "value": ...}]}} rows.
 * {@code human}/{@code user} become user, {@code gpt}/{@code assistant}/{@code chatgpt}/{@code bard}
 * assistant, {@code system} system; other speakers are kept as written and flagged by lint.
 * Turns written with {@code role}/{@code content} instead are read too.
 */
final class ShareGptRows implements RowParser {

    private static final Map<String, String> ROLES = Map.of(
            "human", "user", "user", "user",
            "gpt", "assistant", "assistant", "assistant", "chatgpt", "assistant", "bard", "assistant",
            "system", "system", "tool", "tool", "function_response", "tool");

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        JsonNode array = row.get("conversations");
        if (array == null || !array.isArray()) {
            return RowParser.missing(problems, where, "conversations", "an array of {from, value}");
        }
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode system = row.get("system");
        if (system != null && system.isTextual() && !system.asText().isEmpty()) {
            messages.add(ChatMessage.system(system.asText()));
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode turn = array.get(i);
            String field = "conversations[" + i + "]";
            String speakerKey = turn.has("from") ? "from" : "role";
            String valueKey = turn.has("from") ? "value" : "content";
            if (!turn.path(speakerKey).isTextual()) {
                return RowParser.missing(problems, where, field + ".from", "a string");
            }
            String value = RowParser.text(turn.get(valueKey));
            if (value == null) {
                return RowParser.missing(problems, where, field + "." + valueKey, "a string");
            }
            String speaker = turn.get(speakerKey).asText();
            messages.add(new ChatMessage(ROLES.getOrDefault(speaker.toLowerCase(java.util.Locale.ROOT), speaker), value));
        }
        return new ConversationExample(where, messages);
    }
}
