package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Prompt rows for GRPO: {@code {"prompt": "text" | [messages], ...fields}}, or {@code {"messages": [...], ...fields}}
 * (a chat dataset) whose final assistant message, if any, is left out of the prompt and kept as the field
 * {@code "answer"} unless the row has its own. Every field of the row is kept for the reward.
 */
final class PromptRows implements RowParser {

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        ObjectNode fields = ((ObjectNode) row).deepCopy();
        List<ChatMessage> prompt = new ArrayList<>();
        if (row.path("system").isTextual() && !row.get("system").asText().isEmpty()) {
            prompt.add(ChatMessage.system(row.get("system").asText()));
        }
        if (row.has("prompt") || !row.has("messages")) {
            List<ChatMessage> given = MessageList.prompt(row.get("prompt"), "prompt", where, problems);
            if (given == null) {
                return null;
            }
            prompt.addAll(given);
        } else {
            JsonNode array = row.get("messages");
            if (!array.isArray()) {
                return RowParser.missing(problems, where, "messages", "an array of {role, content}");
            }
            List<ChatMessage> messages = MessageList.read(array, "messages", where, problems);
            if (messages == null) {
                return null;
            }
            if (!messages.isEmpty() && messages.get(messages.size() - 1).isAssistant()) {
                if (!fields.has("answer")) {
                    fields.put("answer", messages.get(messages.size() - 1).content());
                }
                messages = messages.subList(0, messages.size() - 1);
            }
            if (messages.isEmpty()) {
                problems.add(LintRule.UNREADABLE_ROW, where, "messages", "no prompt is left before the assistant's answer");
                return null;
            }
            prompt.addAll(messages);
        }
        return new PromptExample(where, prompt, fields);
    }
}
