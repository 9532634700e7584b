package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"prompt": ..., "chosen": ..., "rejected": ...}} rows (the common preference layout of TRL and the Hugging Face
 * hub). The prompt is text or messages; each reply is text, or messages whose last one is the assistant's reply
 * (earlier ones continue the prompt). Without a prompt, chosen and rejected are whole conversations that share
 * every message before their last. An optional {@code "system"} becomes the system prompt.
 */
final class PreferenceRows implements RowParser {

    @Override
    public Example parse(JsonNode row, SourceLine where, ProblemLog problems) {
        Reply chosen = reply(row.get("chosen"), "chosen", where, problems);
        if (chosen == null) {
            return null;
        }
        Reply rejected = reply(row.get("rejected"), "rejected", where, problems);
        if (rejected == null) {
            return null;
        }
        List<ChatMessage> prompt = new ArrayList<>();
        if (row.path("system").isTextual() && !row.get("system").asText().isEmpty()) {
            prompt.add(ChatMessage.system(row.get("system").asText()));
        }
        if (row.has("prompt")) {
            List<ChatMessage> given = MessageList.prompt(row.get("prompt"), "prompt", where, problems);
            if (given == null) {
                return null;
            }
            prompt.addAll(given);
            if (!chosen.before().equals(rejected.before())) {
                problems.add(LintRule.UNREADABLE_ROW, where, "rejected", "chosen and rejected continue the prompt "
                        + "differently before their last message; give both the same messages before the reply");
                return null;
            }
            prompt.addAll(chosen.before());
        } else {
            if (chosen.before().isEmpty() || !chosen.before().equals(rejected.before())) {
                problems.add(LintRule.UNREADABLE_ROW, where, "prompt", "missing: give a \"prompt\" (text or messages), or"
                        + " make chosen and rejected whole conversations that share every message before their last");
                return null;
            }
            prompt.addAll(chosen.before());
        }
        return new PreferenceExample(where, prompt, chosen.text(), rejected.text());
    }

    /** A reply: its text and the messages written before it in the same field. */
    private record Reply(List<ChatMessage> before, String text) {
    }

    private static Reply reply(JsonNode node, String field, SourceLine where, ProblemLog problems) {
        if (node != null && node.isTextual()) {
            return new Reply(List.of(), node.asText());
        }
        if (node == null || !node.isArray()) {
            RowParser.missing(problems, where, field, "a string or an array of {role, content} ending in the assistant's reply");
            return null;
        }
        List<ChatMessage> messages = MessageList.read(node, field, where, problems);
        if (messages == null) {
            return null;
        }
        if (messages.isEmpty() || !messages.get(messages.size() - 1).isAssistant()) {
            problems.add(LintRule.UNREADABLE_ROW, where, field, "must end with an assistant message (the reply)");
            return null;
        }
        return new Reply(messages.subList(0, messages.size() - 1), messages.get(messages.size() - 1).content());
    }
}
