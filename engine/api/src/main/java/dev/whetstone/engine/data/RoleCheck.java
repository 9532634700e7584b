package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.List;
import java.util.Set;

/** The role rules of lint: known roles, system first, user and assistant alternating, no empty replies. */
final class RoleCheck {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private RoleCheck() {
    }

    static void check(ConversationExample example, ProblemLog problems) {
        List<ChatMessage> messages = example.messages();
        SourceLine where = example.source();
        String previous = null;
        boolean userSeen = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String field = "messages[" + i + "]";
            if (!ROLES.contains(m.role())) {
                problems.add(LintRule.BAD_ROLE, where, field + ".role", "unknown role \"" + m.role()
                        + "\"; use system, user, assistant or tool");
            } else if (m.role().equals("system") && i > 0) {
                problems.add(LintRule.ROLE_ORDER, where, field + ".role", "a system message must come first");
            } else if (m.role().equals(previous) && !m.role().equals("tool")) {
                problems.add(LintRule.ROLE_ORDER, where, field + ".role", "two " + m.role()
                        + " messages in a row; user and assistant must alternate");
            } else if (m.isAssistant() && !userSeen) {
                problems.add(LintRule.ROLE_ORDER, where, field + ".role", "the conversation starts with the assistant; start with a user message");
            }
            if (m.isAssistant() && m.content().isBlank()) {
                problems.add(LintRule.EMPTY_ASSISTANT, where, field + ".content", "the assistant turn is empty; the model would learn to say nothing");
            }
            previous = m.role();
            userSeen |= m.role().equals("user");
        }
    }
}
