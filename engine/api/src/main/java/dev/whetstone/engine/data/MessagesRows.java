package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/** {@code {"messages": [{"role": "user", "content": "..."}, ...], "system": "..."}} rows (OpenAI chat style). */
final class MessagesRows implements RowParser {

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        JsonNode array = row.get("messages");
        if (array == null || !array.isArray()) {
            return RowParser.missing(problems, where, "messages", "an array of {role, content}");
        }
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode system = row.get("system");
        boolean hasSystem = array.size() > 0 && "system".equals(array.get(0).path("role").asText());
        if (system != null && system.isTextual() && !hasSystem) {
            messages.add(ChatMessage.system(system.asText()));
        }
        List<ChatMessage> turns = MessageList.read(array, "messages", where, problems);
        if (turns == null) {
            return null;
        }
        messages.addAll(turns);
        return new ConversationExample(where, messages);
    }
}
