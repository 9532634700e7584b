package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * A conversation read from a chat {@code messages}, Alpaca, ShareGPT or CSV row:
 * {@code new ConversationExample(where, List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!")))}.
 *
 * @param messages the turns in order; copied
 */
public record ConversationExample(SourceLine source, List<ChatMessage> messages) implements Example {

    public ConversationExample {
        Objects.requireNonNull(source, "source");
        messages = List.copyOf(messages);
    }
}
