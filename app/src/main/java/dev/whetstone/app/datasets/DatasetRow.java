package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.ConversationExample;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.SourceLine;
import dev.whetstone.engine.data.TextExample;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of the dataset editor: a conversation, a plain-text document, or a line the reader could not
 * parse. Broken rows keep their original text, so saving writes them back unchanged.
 *
 * <p>Example: {@code DatasetRow.conversation(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello")))}
 *
 * @param messages the turns of a conversation, or {@code null} for text and broken rows
 * @param text     the document of a plain-text row, or {@code null}
 * @param raw      the original line of a broken row, or {@code null}
 * @param problem  why a broken row could not be read ({@code file:line: field — message}), or {@code null}
 */
public record DatasetRow(List<ChatMessage> messages, String text, String raw, String problem) {

    public DatasetRow {
        messages = messages == null ? null : List.copyOf(messages);
        int kinds = (messages != null ? 1 : 0) + (text != null ? 1 : 0) + (raw != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a row is exactly one of messages, text or raw, was " + messages + ", "
                    + text + ", " + raw);
        }
        if ((raw == null) != (problem == null)) {
            throw new IllegalArgumentException("a broken row needs its raw line and its problem, was " + raw + ", " + problem);
        }
    }

    /** A conversation row. */
    public static DatasetRow conversation(List<ChatMessage> messages) {
        return new DatasetRow(Objects.requireNonNull(messages, "messages"), null, null, null);
    }

    /** A plain-text row. */
    public static DatasetRow document(String text) {
        return new DatasetRow(null, Objects.requireNonNull(text, "text"), null, null);
    }

    /** A line that could not be read: kept as written, listed as an error. */
    public static DatasetRow broken(String raw, String problem) {
        return new DatasetRow(null, null, Objects.requireNonNull(raw, "raw"), Objects.requireNonNull(problem, "problem"));
    }

    /** A new row for "Add": one empty user and one empty assistant turn. */
    public static DatasetRow blank() {
        return conversation(List.of(ChatMessage.user(""), ChatMessage.assistant("")));
    }

    public boolean isBroken() {
        return raw != null;
    }

    public boolean isConversation() {
        return messages != null;
    }

    /** One line for the table's role column: {@code "system · user · assistant"}, "text" or "error". */
    public String shape() {
        if (isBroken()) {
            return "error";
        }
        return isConversation() ? messages.stream().map(ChatMessage::role).collect(Collectors.joining(" · ")) : "text";
    }

    /** The text a person recognises the row by: the first user turn, the document, or the raw line. */
    public String prompt() {
        if (isBroken()) {
            return raw;
        }
        if (!isConversation()) {
            return text;
        }
        return messages.stream().filter(m -> !m.isAssistant() && !"system".equals(m.role())).map(ChatMessage::content)
                .findFirst().orElse("");
    }

    /** The last assistant turn, or {@code ""}. */
    public String reply() {
        if (!isConversation()) {
            return isBroken() ? problem : "";
        }
        return messages.stream().filter(ChatMessage::isAssistant).reduce((a, b) -> b).map(ChatMessage::content).orElse("");
    }

    /** Whether {@code query} (lower case) occurs in any of the row's text. */
    public boolean matches(String query) {
        if (query.isEmpty()) {
            return true;
        }
        String all = isBroken() ? raw + problem : isConversation()
                ? messages.stream().map(m -> m.role() + " " + m.content()).collect(Collectors.joining("\n")) : text;
        return all.toLowerCase(java.util.Locale.ROOT).contains(query);
    }

    /** The engine's example for this row, placed at {@code line} of {@code file}; broken rows have none. */
    public Example toExample(Path file, long line) {
        SourceLine where = new SourceLine(file, line);
        if (isBroken()) {
            throw new IllegalStateException("a broken row has no example: " + problem);
        }
        return isConversation() ? new ConversationExample(where, messages) : new TextExample(where, text);
    }
}
