package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.Objects;

/**
 * Renders a {@link PreferenceExample} into a {@link PreferencePair}: each side is the prompt plus its reply through
 * the model's chat template, trained on the last assistant message only (the reply and its end-of-turn token),
 * truncated from the right to the max length.
 *
 * <p>{@code PreferencePair pair = new PreferencePairBuilder(builder).build(example);}
 */
public final class PreferencePairBuilder {

    private final SupervisedExampleBuilder sides;

    /** With {@code builder}'s tokenizer, template and max length (its train-on setting is not used). */
    public PreferencePairBuilder(SupervisedExampleBuilder builder) {
        this.sides = Objects.requireNonNull(builder, "builder").withTrainOn(TrainOn.LAST_ASSISTANT_MESSAGE);
    }

    public int maxLength() {
        return sides.maxLength();
    }

    /**
     * The pair's two datums and renderings.
     *
     * @throws ChatTemplateException if the template refuses the conversation, or there is none
     */
    public PreferencePair build(PreferenceExample example) {
        return new PreferencePair(example.source(), sides.build(example.chosenConversation()),
                sides.build(example.rejectedConversation()));
    }
}
