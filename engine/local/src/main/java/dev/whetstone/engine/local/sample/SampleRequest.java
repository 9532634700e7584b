package dev.whetstone.engine.local.sample;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SamplingParams;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code sample} call checked against the model it will run on, with the limits resolved: how many
 * tokens at most, and which token ids end a sequence (the caller's stop tokens plus, unless
 * {@link SamplingParams#ignoreEos()}, the model's EOS tokens).
 *
 * <p>Built on the caller's thread so bad input fails at call time:
 * {@code SampleRequest.of(prompt, 4, params, false, 0, limits)}.
 *
 * @param prompt                the prompt ids, non-empty
 * @param numSamples            sequences to draw, {@code >= 1}
 * @param params                the caller's sampling parameters
 * @param includePromptLogprobs whether to return the prompt's logprobs
 * @param topkPromptLogprobs    alternatives per prompt position to return, 0 for none
 * @param maxTokens             tokens to generate at most: {@code params.maxTokens()}, or the rest of the context
 * @param stopTokens            ids that end a sequence and are kept in it
 */
public record SampleRequest(ModelInput prompt, int numSamples, SamplingParams params, boolean includePromptLogprobs,
                            int topkPromptLogprobs, int maxTokens, Set<Integer> stopTokens) {

    /** What a model accepts: vocabulary V, context length, end-of-sequence ids. */
    public record ModelLimits(int vocabSize, int contextLength, List<Integer> eosTokenIds) {
        public ModelLimits {
            eosTokenIds = List.copyOf(eosTokenIds);
        }
    }

    /** Validates a call; every problem is an {@link IllegalArgumentException} naming the value and range. */
    public static SampleRequest of(ModelInput prompt, int numSamples, SamplingParams params, boolean includePromptLogprobs,
                                   int topkPromptLogprobs, ModelLimits limits) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(params, "params");
        int[] ids = prompt.toInts();
        if (ids.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token, was empty");
        }
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, was " + numSamples);
        }
        if (topkPromptLogprobs < 0 || topkPromptLogprobs > limits.vocabSize()) {
            throw new IllegalArgumentException("topkPromptLogprobs must be in [0, " + limits.vocabSize() + "], was "
                    + topkPromptLogprobs);
        }
        for (int i = 0; i < ids.length; i++) {
            requireToken("prompt token at index " + i, ids[i], limits);
        }
        int room = limits.contextLength() - ids.length;
        if (room < 1) {
            throw new IllegalArgumentException("prompt length must be < the model's context of " + limits.contextLength()
                    + " tokens to leave room for one new token, was " + ids.length);
        }
        if (params.maxTokens() != null && params.maxTokens() > room) {
            throw new IllegalArgumentException("prompt length + maxTokens must be <= the model's context of "
                    + limits.contextLength() + " tokens, was " + ids.length + " + " + params.maxTokens());
        }
        Set<Integer> stops = new LinkedHashSet<>();
        for (int i = 0; i < params.stopTokens().size(); i++) {
            requireToken("stopTokens[" + i + "]", params.stopTokens().get(i), limits);
            stops.add(params.stopTokens().get(i));
        }
        if (!params.ignoreEos()) {
            stops.addAll(limits.eosTokenIds());
        }
        int maxTokens = params.maxTokens() != null ? params.maxTokens() : room;
        return new SampleRequest(prompt, numSamples, params, includePromptLogprobs, topkPromptLogprobs, maxTokens,
                Set.copyOf(stops));
    }

    /** Positions the KV cache must hold: the prompt and every generated token but the last, which is never fed back. */
    public int cacheLength() {
        return prompt.length() + maxTokens - 1;
    }

    private static void requireToken(String what, int id, ModelLimits limits) {
        if (id < 0 || id >= limits.vocabSize()) {
            throw new IllegalArgumentException(what + " must be a token id in [0, " + limits.vocabSize() + "), was " + id);
        }
    }
}
