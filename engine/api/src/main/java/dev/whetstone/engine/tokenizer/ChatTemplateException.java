package dev.whetstone.engine.tokenizer;

import dev.whetstone.engine.WorkbenchException;

/**
 * A chat template that cannot be compiled, or that refused a conversation (its {@code raise_exception},
 * e.g. "Conversation roles must alternate user/assistant/user/assistant/...").
 */
public class ChatTemplateException extends WorkbenchException {
    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
