package dev.whetstone.engine.run;

import dev.whetstone.engine.data.PreferencePair;
import dev.whetstone.engine.data.RenderedPrompt;
import java.util.List;

/**
 * What a DPO or GRPO run trains on besides (or instead of) plain datums: preference pairs or prompts, each split
 * into training and held-out. The loop's batches index {@link #trainSize()} examples.
 */
public sealed interface MethodData {

    /** The training examples (pairs or prompts). */
    List<?> train();

    /** The held-out examples. */
    List<?> heldout();

    /** Training examples. */
    default int trainSize() {
        return train().size();
    }

    /** Held-out examples. */
    default int heldoutSize() {
        return heldout().size();
    }

    /** DPO's preference pairs. */
    record Pairs(List<PreferencePair> train, List<PreferencePair> heldout) implements MethodData {
        public Pairs {
            train = List.copyOf(train);
            heldout = List.copyOf(heldout);
        }
    }

    /** GRPO's prompts, rendered up to the assistant header. */
    record Prompts(List<RenderedPrompt> train, List<RenderedPrompt> heldout) implements MethodData {
        public Prompts {
            train = List.copyOf(train);
            heldout = List.copyOf(heldout);
        }
    }
}
