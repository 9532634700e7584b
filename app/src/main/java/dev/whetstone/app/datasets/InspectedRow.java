package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.RenderedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A row rendered by the chat template and tokenised, for the token inspector: the exact text, one chip
 * per token (at most {@link #MAX_CHIPS}), and the counts.
 *
 * @param text          the rendered text
 * @param chips         the first tokens as chips
 * @param totalTokens   tokens in the rendered row
 * @param keptTokens    tokens kept by truncation at the max length
 * @param trainedTokens trained tokens that truncation keeps
 * @param maxLength     the max length the row was cut at
 */
public record InspectedRow(String text, List<TokenChip> chips, int totalTokens, int keptTokens, int trainedTokens,
                           int maxLength) {

    /** Chips drawn at most; a longer row says how many more there are. */
    public static final int MAX_CHIPS = 3000;

    public InspectedRow {
        chips = List.copyOf(chips);
    }

    /**
     * The chips of {@code rendered}: token {@code i} is trained when its weight is not 0, it is kept
     * ({@code i < maxLength}) and it is not the first (the first token is never a target).
     */
    public static InspectedRow of(RenderedExample rendered, int maxLength, Set<Integer> stopTokens) {
        int kept = Math.min(rendered.length(), maxLength);
        List<TokenChip> chips = new ArrayList<>();
        int trained = 0;
        for (int i = 0; i < rendered.length(); i++) {
            boolean isTrained = i >= 1 && i < kept && rendered.weight(i) != 0f;
            trained += isTrained ? 1 : 0;
            if (i < MAX_CHIPS) {
                String raw = rendered.text().substring(rendered.start(i), Math.max(rendered.start(i), rendered.end(i)));
                chips.add(new TokenChip(i, rendered.token(i), TokenChip.visible(raw), isTrained,
                        stopTokens.contains(rendered.token(i)), i >= kept));
            }
        }
        return new InspectedRow(rendered.text(), chips, rendered.length(), kept, trained, maxLength);
    }

    public boolean truncated() {
        return keptTokens < totalTokens;
    }

    /** The counts line: {@code "12 of 40 tokens trained · 40 tokens · cut at 1024: nothing cut"}. */
    public String summary() {
        return trainedTokens + " of " + totalTokens + " tokens trained · max length " + maxLength
                + (truncated() ? " · " + dev.whetstone.app.fx.Plural.of(totalTokens - keptTokens, "token") + " cut" : " · nothing cut");
    }
}
