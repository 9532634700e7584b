package dev.whetstone.engine.tokenizer;

import java.util.Objects;

/**
 * One message of a conversation, as chat templates see it: {@code {"role": ..., "content": ...}}.
 *
 * <p>{@code new ChatMessage("user", "What is 2 + 2?")}
 *
 * @param role    {@code system}, {@code user}, {@code assistant} or {@code tool}; other roles are kept
 *                as written so that lint can report them
 * @param content the text; may be empty, never null
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** {@code ChatMessage.system("Be brief.")} */
    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    /** {@code ChatMessage.user("Hi")} */
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    /** {@code ChatMessage.assistant("Hello!")} */
    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** Whether this is an assistant message, the kind a supervised example trains on. */
    public boolean isAssistant() {
        return "assistant".equals(role);
    }
}
