package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * A GRPO prompt ready to sample from: the conversation rendered with the model's chat template up to the assistant
 * header ({@code add_generation_prompt}), and the row's fields for the reward.
 *
 * @param messages the prompt conversation
 * @param input    the rendered prompt's tokens
 * @param fields   the row's fields (see {@link PromptExample#fields()}); copied in and out
 */
public record RenderedPrompt(SourceLine source, List<ChatMessage> messages, ModelInput input, ObjectNode fields) {

    public RenderedPrompt {
        Objects.requireNonNull(source, "source");
        messages = List.copyOf(messages);
        Objects.requireNonNull(input, "input");
        fields = Objects.requireNonNull(fields, "fields").deepCopy();
    }

    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** Renders {@code example} with {@code chat}'s generation prompt. */
    public static RenderedPrompt of(PromptExample example, ChatRenderer chat) {
        return new RenderedPrompt(example.source(), example.prompt(),
                ModelInput.fromInts(chat.generationPrompt(example.prompt())), example.fields());
    }
}
