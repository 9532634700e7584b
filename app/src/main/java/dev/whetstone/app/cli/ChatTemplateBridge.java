package dev.whetstone.app.cli;

import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import java.util.List;
import java.util.Map;

/** The model's chat template applied to one user turn, with the generation prompt. */
final class ChatTemplateBridge {
    private ChatTemplateBridge() {
    }

    static String renderUserTurn(Tokenizer tokenizer, String userMessage) {
        return ChatTemplate.forTokenizer(tokenizer).render(List.of(ChatMessage.user(userMessage)), true,
                Map.of("enable_thinking", false));
    }
}
