package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"instruction": ..., "input": ..., "output": ...}} rows, as one user turn (the instruction, then
 * a blank line and the input when there is one) and one assistant turn (the output); an optional
 * {@code "system"} becomes the system prompt.
 */
final class AlpacaRows implements RowParser {

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        JsonNode instruction = row.get("instruction");
        if (instruction == null || !instruction.isTextual()) {
            return RowParser.missing(problems, where, "instruction", "a string");
        }
        JsonNode output = row.get("output");
        if (output == null || !output.isTextual()) {
            return RowParser.missing(problems, where, "output", "a string");
        }
        JsonNode input = row.get("input");
        if (input != null && !input.isTextual() && !input.isNull()) {
            return RowParser.missing(problems, where, "input", "a string");
        }
        String prompt = instruction.asText();
        if (input != null && input.isTextual() && !input.asText().isEmpty()) {
            prompt = prompt + "\n\n" + input.asText();
        }
        List<ChatMessage> messages = new ArrayList<>(3);
        if (row.path("system").isTextual() && !row.get("system").asText().isEmpty()) {
            messages.add(ChatMessage.system(row.get("system").asText()));
        }
        messages.add(ChatMessage.user(prompt));
        messages.add(ChatMessage.assistant(output.asText()));
        return new ConversationExample(where, messages);
    }
}
