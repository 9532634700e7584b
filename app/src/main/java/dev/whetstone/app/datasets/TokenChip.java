package dev.whetstone.app.datasets;

import java.util.Objects;

/**
 * One token of a rendered row as the inspector shows it.
 *
 * @param index   position in the rendered sequence
 * @param id      the token id
 * @param text    the characters it covers, with newlines and tabs made visible
 * @param trained whether the token carries loss (and is kept by truncation)
 * @param stop    whether it is an EOS / end-of-turn token
 * @param cut     whether truncation at the max length drops it
 */
public record TokenChip(int index, int id, String text, boolean trained, boolean stop, boolean cut) {

    public TokenChip {
        Objects.requireNonNull(text, "text");
    }

    /** {@code "\n"} → {@code "↵"}, {@code "\t"} → {@code "→"}, a space → {@code "·"}, so every token is visible. */
    static String visible(String raw) {
        if (raw.isEmpty()) {
            return "∅";
        }
        return raw.replace(" ", "·").replace("\t", "→").replace("\r", "").replace("\n", "↵");
    }
}
