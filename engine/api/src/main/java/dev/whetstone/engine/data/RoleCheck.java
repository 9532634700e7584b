package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The conversation rules of lint, which need no model: known roles, system first, user and assistant
 * alternating, no empty replies, and (when only assistant replies are trained) at least one reply.
 */
final class RoleCheck {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    /** Speaker names of other formats that people put in {@code messages} rows. */
    private static final Map<String, String> FOREIGN = Map.of("human", "user", "gpt", "assistant",
            "model", "assistant", "chatgpt", "assistant");

    private RoleCheck() {
    }

    /**
     * Adds the row's problems to {@code problems}; with {@code needsReply}, a row with no assistant
     * message (which trains nothing) is one.
     */
    static void check(ConversationExample example, boolean needsReply, ProblemLog problems) {
        List<ChatMessage> messages = example.messages();
        SourceLine where = example.source();
        if (messages.isEmpty()) {
            problems.add(LintRule.NO_TRAINED_TOKENS, where, "messages", "the conversation is empty; a row needs a user"
                    + " message and the assistant's reply");
            return;
        }
        String previous = null;
        boolean userSeen = false;
        boolean badRole = false;
        boolean reply = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String field = "messages[" + i + "]";
            if (!ROLES.contains(m.role())) {
                problems.add(LintRule.BAD_ROLE, where, field + ".role", "unknown role \"" + m.role() + "\"; "
                        + suggestion(m.role()));
                badRole = true;
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
            reply |= m.isAssistant();
        }
        if (needsReply && !reply && !badRole) {
            problems.add(LintRule.NO_TRAINED_TOKENS, where, "messages", "the conversation has no assistant message, so"
                    + " nothing in it is trained; add the reply the model should learn");
        }
    }

    /** What the author probably meant. */
    private static String suggestion(String role) {
        String plain = role.strip().toLowerCase(Locale.ROOT);
        if (plain.isEmpty()) {
            return "the role is empty: use system, user, assistant or tool";
        }
        if (ROLES.contains(plain)) {
            return "roles are lower case with no spaces: write \"" + plain + "\"";
        }
        if (FOREIGN.containsKey(plain)) {
            return "write \"" + FOREIGN.get(plain) + "\" (\"" + plain + "\" is another format's name)";
        }
        return "use system, user, assistant or tool";
    }
}
