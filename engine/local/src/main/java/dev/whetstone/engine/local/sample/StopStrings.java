package dev.whetstone.engine.local.sample;

import dev.whetstone.engine.Tokenizer;
import java.util.List;

/**
 * Detects the first token whose decoded text completes one of the caller's stop strings.
 *
 * <p>Only the tail of a sequence is decoded each step, never the whole text (that would be quadratic in
 * its length). A stop string of L characters completed by the newest token lies within its last 4·L
 * tokens, since a token yields at least one character or, in byte-level vocabularies, at least one of a
 * character's at most 4 bytes; four more tokens absorb a character split across the window's start. An
 * occurrence that ended earlier would have stopped the sequence earlier, so any match in the tail is new.
 */
final class StopStrings {
    private final List<String> strings;
    private final Tokenizer tokenizer;
    private final int window;

    StopStrings(List<String> strings, Tokenizer tokenizer) {
        this.strings = List.copyOf(strings);
        this.tokenizer = tokenizer;
        int longest = strings.stream().mapToInt(String::length).max().orElse(0);
        this.window = 4 * longest + 4;
    }

    /** Whether the last token of {@code tokens} completes a stop string. */
    boolean completedBy(List<Integer> tokens) {
        if (strings.isEmpty() || tokens.isEmpty()) {
            return false;
        }
        int from = Math.max(0, tokens.size() - window);
        int[] tail = new int[tokens.size() - from];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = tokens.get(from + i);
        }
        String text = tokenizer.decode(tail);
        for (String stop : strings) {
            if (text.contains(stop)) {
                return true;
            }
        }
        return false;
    }
}
