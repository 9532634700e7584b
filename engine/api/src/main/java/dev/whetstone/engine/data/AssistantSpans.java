package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds where each assistant reply lies in a rendered conversation, the way tinker-cookbook's renderers
 * split header from output, but for any template: a reply starts where the rendering of the messages
 * before it plus the generation prompt ends (when that is a prefix of the whole; otherwise where its
 * text first occurs), and ends after the template's end-of-turn token. Text between replies, such as
 * Qwen's newline after {@code <|im_end|>}, belongs to no reply.
 */
final class AssistantSpans {

    private final ChatTemplate template;
    private final Map<String, ?> variables;
    private final String endOfTurn; // null when the template ends turns with no special token

    AssistantSpans(ChatTemplate template, Map<String, ?> variables, String endOfTurn) {
        this.template = template;
        this.variables = variables;
        this.endOfTurn = endOfTurn;
    }

    /** Spans of the assistant messages in {@code text} (all of them, or the last one only), in order. */
    List<CharSpan> find(List<ChatMessage> messages, String text, boolean lastOnly) {
        List<CharSpan> spans = new ArrayList<>();
        int searchFrom = 0;
        int last = lastAssistant(messages);
        for (int k = 0; k < messages.size(); k++) {
            if (!messages.get(k).isAssistant()) {
                continue;
            }
            CharSpan span = locate(messages, k, text, searchFrom);
            searchFrom = span.end();
            if (!lastOnly || k == last) {
                spans.add(span);
            }
        }
        return spans;
    }

    private static int lastAssistant(List<ChatMessage> messages) {
        for (int k = messages.size() - 1; k >= 0; k--) {
            if (messages.get(k).isAssistant()) {
                return k;
            }
        }
        return -1;
    }

    private CharSpan locate(List<ChatMessage> messages, int k, String text, int searchFrom) {
        String prompt = renderOrNull(messages.subList(0, k), true);
        int start;
        if (prompt != null && prompt.length() >= searchFrom && text.startsWith(prompt)) {
            start = prompt.length();
        } else {
            start = text.indexOf(messages.get(k).content().strip(), searchFrom);
            if (start < 0) {
                throw new ChatTemplateException("Cannot find assistant message " + k + " in the text the chat template"
                        + " rendered: the template changes or drops it; train on all tokens, or fix the template");
            }
        }
        return new CharSpan(start, end(messages, k, text, start));
    }

    private int end(List<ChatMessage> messages, int k, String text, int start) {
        if (endOfTurn != null) {
            int at = text.indexOf(endOfTurn, start);
            if (at >= 0) {
                return at + endOfTurn.length();
            }
        }
        String through = renderOrNull(messages.subList(0, k + 1), false);
        if (through != null && through.length() >= start && text.startsWith(through)) {
            return Math.max(start, through.stripTrailing().length());
        }
        int next = k + 1 < messages.size() ? text.indexOf(messages.get(k + 1).content(), start) : -1;
        return next >= 0 ? next : text.length();
    }

    private String renderOrNull(List<ChatMessage> messages, boolean addGenerationPrompt) {
        try {
            return template.render(messages, addGenerationPrompt, variables);
        } catch (ChatTemplateException e) {
            return null; // e.g. a template that refuses a conversation starting with an assistant turn
        }
    }
}
