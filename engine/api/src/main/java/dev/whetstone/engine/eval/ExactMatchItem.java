package dev.whetstone.engine.eval;

import dev.whetstone.engine.data.SourceLine;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One held-out exchange: the conversation up to the last assistant message, and that message as the
 * reply the model must give exactly.
 *
 * @param where    the file and line it came from
 * @param prompt   every message before the last assistant message (at least one)
 * @param expected the last assistant message's content
 */
public record ExactMatchItem(SourceLine where, List<ChatMessage> prompt, String expected) {

    public ExactMatchItem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(expected, "expected");
        prompt = List.copyOf(prompt);
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt must hold at least one message, was empty (" + where + ")");
        }
    }
}
