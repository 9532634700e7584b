package dev.whetstone.engine.data;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TokenizedText;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@link Example} into a {@link SupervisedExample}: conversations through the model's chat
 * template ({@link ChatRenderer}), plain text as {@code [BOS] text EOS} with every token trained; then
 * truncation from the right to {@code maxLength} (reported in the stats, never silent) and Tinker's shift
 * ({@code TINKER.md} §1.3).
 *
 * <pre>{@code
 * var builder = SupervisedExampleBuilder.forTokenizer(tokenizer, 4096, TrainOn.ALL_ASSISTANT_MESSAGES);
 * SupervisedExample example = builder.build(row);
 * trainingClient.forwardBackward(List.of(example.datum()), LossFn.CROSS_ENTROPY);
 * }</pre>
 */
public final class SupervisedExampleBuilder {

    private final Tokenizer tokenizer;
    private final Optional<ChatRenderer> chat;
    private final int maxLength;
    private final TrainOn trainOn;
    private final Set<Integer> stopTokenIds;

    /**
     * @param chat      the renderer for conversations; empty for a base model without a chat template
     *                  (then only plain text can be built)
     * @param maxLength the most tokens a row keeps, >= 2
     */
    public SupervisedExampleBuilder(Tokenizer tokenizer, Optional<ChatRenderer> chat, int maxLength, TrainOn trainOn) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.trainOn = Objects.requireNonNull(trainOn, "trainOn");
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, was " + maxLength);
        }
        this.maxLength = maxLength;
        this.stopTokenIds = chat.map(ChatRenderer::stopTokenIds).orElse(Set.copyOf(tokenizer.eosTokenIds()));
    }

    /** With the tokenizer's own chat template, if it has one. */
    public static SupervisedExampleBuilder forTokenizer(Tokenizer tokenizer, int maxLength, TrainOn trainOn) {
        Optional<ChatRenderer> chat = tokenizer.chatTemplate().isPresent() ? Optional.of(ChatRenderer.of(tokenizer)) : Optional.empty();
        return new SupervisedExampleBuilder(tokenizer, chat, maxLength, trainOn);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The same tokenizer, template and max length with another {@link TrainOn}. */
    public SupervisedExampleBuilder withTrainOn(TrainOn other) {
        return new SupervisedExampleBuilder(tokenizer, chat, maxLength, other);
    }

    /** The chat renderer, if the tokenizer has a template. */
    public Optional<ChatRenderer> chat() {
        return chat;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public TrainOn trainOn() {
        return trainOn;
    }

    /** EOS and end-of-turn ids; a trained part should contain one so the model learns to stop. */
    public Set<Integer> stopTokenIds() {
        return stopTokenIds;
    }

    /**
     * The row's full tokens and weights, before truncation and shift.
     *
     * @throws ChatTemplateException if the template refuses the conversation, or there is no template
     */
    public RenderedExample render(Example example) {
        return render(example, Integer.MAX_VALUE);
    }

    /**
     * The row's first {@code maxTokens} tokens and weights (fewer only when it has fewer), before truncation and
     * shift; the work is bounded by {@code maxTokens}, not by the length of the row.
     *
     * @throws ChatTemplateException as {@link #render(Example)}
     */
    public RenderedExample render(Example example, int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        }
        if (example instanceof TextExample text) {
            return renderText(text.text(), maxTokens);
        }
        if (example instanceof PreferenceExample || example instanceof PromptExample) {
            throw new ChatTemplateException(example.source() + " is " + (example instanceof PreferenceExample
                    ? "a preference pair (prompt, chosen, rejected): train it with DPO (--method dpo)"
                    : "a prompt without a reply: train it with GRPO (--method grpo) and a reward"));
        }
        ConversationExample conversation = (ConversationExample) example;
        return chat.orElseThrow(() -> new ChatTemplateException("The tokenizer " + tokenizer.id()
                + " has no chat template, so conversations cannot be rendered: use plain text, or the model's"
                + " instruct version")).render(conversation.messages(), trainOn, maxTokens);
    }

    /** Tokens of a row that are counted (twice the max length): beyond them, the work stops and counts are lower bounds. */
    public int countedTokens() {
        return maxLength <= Integer.MAX_VALUE / 2 ? 2 * maxLength : Integer.MAX_VALUE - 1;
    }

    /**
     * The datum and stats of a row.
     *
     * @throws ChatTemplateException as {@link #render(Example)}
     */
    public SupervisedExample build(Example example) {
        RenderedExample rendered = render(example, countedTokens() + 1);
        boolean uncounted = rendered.length() > countedTokens();
        int kept = Math.min(rendered.length(), maxLength);
        int[] tokens = rendered.tokens();
        float[] weights = rendered.weights();
        int trained = 0;
        boolean trainsStop = false;
        for (int i = 1; i < kept; i++) {
            if (weights[i] != 0f) {
                trained++;
                trainsStop |= stopTokenIds.contains(tokens[i]);
            }
        }
        int cut = 0;
        for (int i = Math.max(kept, 1); i < tokens.length; i++) {
            cut += weights[i] != 0f ? 1 : 0;
        }
        Datum datum = datum(tokens, weights, kept);
        return new SupervisedExample(example.source(), rendered,
                datum, new ExampleStats(rendered.length(), kept, trained, cut, trainsStop, uncounted));
    }

    /** input = tokens[:kept-1], target_tokens = tokens[1:kept], weights = weights[1:kept]. */
    private static Datum datum(int[] tokens, float[] weights, int kept) {
        if (kept < 2) {
            return new Datum(ModelInput.empty(), Map.of("target_tokens", TensorData.ofInts(new int[0]),
                    "weights", TensorData.ofFloats(new float[0])));
        }
        return new Datum(ModelInput.fromInts(Arrays.copyOfRange(tokens, 0, kept - 1)), Map.of(
                "target_tokens", TensorData.ofInts(Arrays.copyOfRange(tokens, 1, kept)),
                "weights", TensorData.ofFloats(Arrays.copyOfRange(weights, 1, kept))));
    }

    private RenderedExample renderText(String text, int maxTokens) {
        int bos = tokenizer.bosTokenId().isPresent() ? 1 : 0;
        int budget = Math.max(0, maxTokens - bos);
        TokenizedText whole = tokenizer.encodeWithOffsets(text, budget == Integer.MAX_VALUE ? budget : budget + 1);
        boolean complete = whole.length() <= budget;
        TokenizedText body = whole.first(budget);
        int eos = tokenizer.eosTokenIds().isEmpty() || !complete ? 0 : 1;
        int n = Math.min(maxTokens, bos + body.length() + eos);
        int[] ids = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        float[] weights = new float[n];
        Arrays.fill(weights, 1f);
        if (bos == 1 && n > 0) {
            ids[0] = tokenizer.bosTokenId().getAsInt();
        }
        for (int i = 0; i < body.length() && bos + i < n; i++) {
            ids[bos + i] = body.id(i);
            starts[bos + i] = body.start(i);
            ends[bos + i] = body.end(i);
        }
        if (eos == 1 && bos + body.length() < n) {
            ids[n - 1] = tokenizer.eosTokenIds().get(0);
            starts[n - 1] = text.length();
            ends[n - 1] = text.length();
        }
        return new RenderedExample(text, ids, weights, starts, ends);
    }
}
