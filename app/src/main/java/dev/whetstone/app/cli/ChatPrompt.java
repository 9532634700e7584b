package dev.whetstone.app.cli;

import dev.whetstone.engine.Tokenizer;

/** Renders one user message with the model's chat template, ending with the assistant's generation prompt. */
final class ChatPrompt {
    private ChatPrompt() {
    }

    static String render(Tokenizer tokenizer, String userMessage) {
        if (tokenizer.chatTemplate().isEmpty()) {
            throw new IllegalArgumentException("--chat needs a chat template, but the model's tokenizer_config.json has none; "
                    + "drop --chat to sample the raw prompt");
        }
        return ChatTemplateBridge.renderUserTurn(tokenizer, userMessage);
    }
}
