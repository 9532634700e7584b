package dev.whetstone.engine.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Which CSV columns make a row: a prompt and a completion column (a one-turn conversation, with an
 * optional system column), or one text column (plain text).
 *
 * <p>{@code CsvColumns.promptCompletion("question", "answer")}, {@code CsvColumns.text("body")}
 */
public record CsvColumns(Optional<String> system, Optional<String> prompt, Optional<String> completion, Optional<String> text) {

    public CsvColumns {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(text, "text");
        if (text.isPresent() == (prompt.isPresent() || completion.isPresent())) {
            throw new IllegalArgumentException("CsvColumns needs either prompt and completion columns or a text column, was " 
                    + "prompt=" + prompt + ", completion=" + completion + ", text=" + text);
        }
        if (prompt.isPresent() != completion.isPresent()) {
            throw new IllegalArgumentException("CsvColumns needs both prompt and completion, was prompt=" + prompt + ", completion=" + completion);
        }
    }

    /** A one-turn conversation per row: {@code CsvColumns.promptCompletion("question", "answer")}. */
    public static CsvColumns promptCompletion(String prompt, String completion) {
        return new CsvColumns(Optional.empty(), Optional.of(prompt), Optional.of(completion), Optional.empty());
    }

    /** A plain-text document per row: {@code CsvColumns.text("body")}. */
    public static CsvColumns text(String column) {
        return new CsvColumns(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(column));
    }

    /** The same mapping with a system-prompt column: {@code promptCompletion("q", "a").withSystem("persona")}. */
    public CsvColumns withSystem(String column) {
        return new CsvColumns(Optional.of(column), prompt, completion, text);
    }
}
