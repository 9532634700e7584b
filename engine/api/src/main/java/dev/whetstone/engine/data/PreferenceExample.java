package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A preference pair for DPO: a prompt conversation and two assistant replies to it, the one to prefer
 * ({@code chosen}) and the one to avoid ({@code rejected}).
 *
 * <p>{@code new PreferenceExample(where, List.of(ChatMessage.user("what is pears ?")), "we eat it", "a color")}
 *
 * @param prompt   the conversation before the reply (at least one message); copied
 * @param chosen   the preferred reply
 * @param rejected the dispreferred reply
 */
public record PreferenceExample(SourceLine source, List<ChatMessage> prompt, String chosen, String rejected)
        implements Example {

    public PreferenceExample {
        Objects.requireNonNull(source, "source");
        prompt = List.copyOf(prompt);
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }

    /** The prompt followed by the chosen reply. */
    public ConversationExample chosenConversation() {
        return withReply(chosen);
    }

    /** The prompt followed by the rejected reply. */
    public ConversationExample rejectedConversation() {
        return withReply(rejected);
    }

    private ConversationExample withReply(String reply) {
        List<ChatMessage> messages = new ArrayList<>(prompt);
        messages.add(ChatMessage.assistant(reply));
        return new ConversationExample(source, messages);
    }
}
