package dev.whetstone.engine.run;

import dev.whetstone.engine.data.PreferencePair;
import dev.whetstone.engine.data.RenderedPrompt;
import java.util.List;

/**
 * What a DPO or GRPO run trains on besides (or instead of) plain datums: preference pairs or prompts, each split
 * into training and held-out. The loop's batches index {@link #trainSize()} examples.
 */
public sealed interface MethodData {

    /** Training examples (pairs or prompts). */
    int trainSize();

    /** Held-out examples. */
    int heldoutSize();

    /** DPO's preference pairs. */
    record Pairs(List<PreferencePair> train, List<PreferencePair> heldout) implements MethodData {
        public Pairs {
            train = List.copyOf(train);
            heldout = List.copyOf(heldout);
        }

        @Override
        public int trainSize() {
            return train.size();
        }

        @Override
        public int heldoutSize() {
            return heldout.size();
        }
    }

    /** GRPO's prompts, rendered up to the assistant header. */
    record Prompts(List<RenderedPrompt> train, List<RenderedPrompt> heldout) implements MethodData {
        public Prompts {
            train = List.copyOf(train);
            heldout = List.copyOf(heldout);
        }

        @Override
        public int trainSize() {
            return train.size();
        }

        @Override
        public int heldoutSize() {
            return heldout.size();
        }
    }
}
