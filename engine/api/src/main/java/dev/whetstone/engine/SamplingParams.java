package dev.whetstone.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@code sample} call draws tokens: length limit, temperature, top-k and top-p truncation, seed,
 * and the strings or token ids that stop a sequence.
 *
 * <p>{@code SamplingParams.defaults().withMaxTokens(256).withTemperature(0.7).withStopTokens(tokenizer.eosTokenIds())}
 *
 * @param maxTokens   most tokens to generate, {@code >= 1}, or {@code null} for no limit but the context
 * @param temperature softmax temperature, {@code > 0}
 * @param topK        keep the k most likely tokens, {@code >= 1}, or {@code -1} for no limit
 * @param topP        nucleus mass, in {@code (0, 1]}; 1 means no truncation
 * @param seed        seed of the draw, or {@code null} for a random one
 * @param stopStrings non-empty strings that end a sequence when generated; copied
 * @param stopTokens  token ids that end a sequence (and are kept in it); copied
 * @param ignoreEos   whether the model's own end-of-sequence tokens ({@code tokenizer.eosTokenIds()}) are
 *                    sampled like any other token instead of ending the sequence (vLLM's {@code ignore_eos});
 *                    {@code false} by default, and {@code stopTokens} still stop either way
 */
public record SamplingParams(Integer maxTokens, double temperature, int topK, double topP, Long seed,
                             List<String> stopStrings, List<Integer> stopTokens, boolean ignoreEos) {

    private static final SamplingParams DEFAULTS = new SamplingParams(null, 1.0, -1, 1.0, null, List.of(), List.of());

    public SamplingParams {
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1 or null, was " + maxTokens);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, was " + temperature);
        }
        if (topK != -1 && topK < 1) {
            throw new IllegalArgumentException("topK must be -1 (no limit) or >= 1, was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        stopStrings = copyStopStrings(stopStrings);
        stopTokens = copyStopTokens(stopTokens);
    }

    /** Tinker's seven fields; the model's EOS tokens stop generation. */
    public SamplingParams(Integer maxTokens, double temperature, int topK, double topP, Long seed,
                          List<String> stopStrings, List<Integer> stopTokens) {
        this(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, false);
    }

    /** No length limit, temperature 1, no top-k or top-p truncation, random seed, no stops. */
    public static SamplingParams defaults() {
        return DEFAULTS;
    }

    /** {@code SamplingParams.defaults().withMaxTokens(128)} */
    public SamplingParams withMaxTokens(Integer maxTokens) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withTemperature(0.7)} */
    public SamplingParams withTemperature(double temperature) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withTopK(50)} */
    public SamplingParams withTopK(int topK) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withTopP(0.9)} */
    public SamplingParams withTopP(double topP) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withSeed(7L)} */
    public SamplingParams withSeed(Long seed) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withStopStrings(List.of("\n\n"))} */
    public SamplingParams withStopStrings(List<String> stopStrings) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withStopTokens(tokenizer.eosTokenIds())} */
    public SamplingParams withStopTokens(List<Integer> stopTokens) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    /** {@code SamplingParams.defaults().withIgnoreEos(true)}: keep sampling past the model's EOS token. */
    public SamplingParams withIgnoreEos(boolean ignoreEos) {
        return new SamplingParams(maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, ignoreEos);
    }

    private static List<String> copyStopStrings(List<String> stopStrings) {
        Objects.requireNonNull(stopStrings, "stopStrings");
        List<String> copy = new ArrayList<>(stopStrings);
        for (int i = 0; i < copy.size(); i++) {
            String s = copy.get(i);
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("stopStrings[" + i + "] must be a non-empty string, was "
                        + (s == null ? "null" : "\"\""));
            }
        }
        return List.copyOf(copy);
    }

    private static List<Integer> copyStopTokens(List<Integer> stopTokens) {
        Objects.requireNonNull(stopTokens, "stopTokens");
        List<Integer> copy = new ArrayList<>(stopTokens);
        for (int i = 0; i < copy.size(); i++) {
            Integer t = copy.get(i);
            if (t == null || t < 0) {
                throw new IllegalArgumentException("stopTokens[" + i + "] must be a token id >= 0, was " + t);
            }
        }
        return List.copyOf(copy);
    }
}
