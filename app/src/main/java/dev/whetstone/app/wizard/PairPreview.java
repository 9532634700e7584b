package dev.whetstone.app.wizard;

import dev.whetstone.app.datasets.InspectedRow;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.ChatRenderer;
import dev.whetstone.engine.data.PreferencePair;
import dev.whetstone.engine.run.MethodData;
import dev.whetstone.engine.run.TrainingDataLoader;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Review step's sample of a DPO run: the first training pair's chosen and rejected conversations as the token
 * inspector shows them, side by side. The trained tokens are the reply and its end-of-turn token: DPO pushes the
 * chosen ones' log-probability up and the rejected ones' down, relative to the reference.
 *
 * @param source   where the pair was read ({@code file:line})
 * @param chosen   the chosen side's tokens
 * @param rejected the rejected side's tokens
 */
public record PairPreview(String source, InspectedRow chosen, InspectedRow rejected) {

    public PairPreview {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }

    /** The preview of {@code loaded}'s first training pair, or empty when it holds no pairs (SFT, GRPO). */
    static Optional<PairPreview> of(TrainingDataLoader.Loaded loaded, Tokenizer tokenizer, int maxLength) {
        if (!(loaded.data().method() instanceof MethodData.Pairs pairs) || pairs.train().isEmpty()) {
            return Optional.empty();
        }
        PreferencePair pair = pairs.train().get(0);
        Set<Integer> stops = ChatRenderer.of(tokenizer).stopTokenIds();
        return Optional.of(new PairPreview(pair.source().toString(), InspectedRow.of(pair.chosen().rendered(), maxLength, stops),
                InspectedRow.of(pair.rejected().rendered(), maxLength, stops)));
    }
}
