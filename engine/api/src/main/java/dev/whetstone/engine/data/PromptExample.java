package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * A prompt for reinforcement learning (GRPO): the conversation the model continues, and the row's fields
 * as read (a reward reads them, e.g. {@code "answer"} for exact match).
 *
 * @param prompt the conversation the completion answers (at least one message); copied
 * @param fields every field of the row, plus {@code "answer"} taken from a final assistant message when the row
 *               had none; copied in and out
 */
public record PromptExample(SourceLine source, List<ChatMessage> prompt, ObjectNode fields) implements Example {

    public PromptExample {
        Objects.requireNonNull(source, "source");
        prompt = List.copyOf(prompt);
        fields = Objects.requireNonNull(fields, "fields").deepCopy();
    }

    /** A copy of the row's fields. */
    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** Whether the row has field {@code name} (not null). */
    public boolean has(String name) {
        return fields.hasNonNull(name);
    }
}
