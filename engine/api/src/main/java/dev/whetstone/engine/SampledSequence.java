package dev.whetstone.engine;

import java.util.List;
import java.util.Objects;

/**
 * One generated completion: its tokens, the log-probability of each under the distribution it was drawn
 * from, and why it stopped.
 *
 * <p>A stop token, when hit, is the last element of {@code tokens}. The logprobs have temperature, top-k
 * and top-p applied (what importance sampling needs); raw model logprobs come from {@code computeLogprobs}:
 * {@code String text = tokenizer.decode(seq.tokenArray());}
 *
 * @param tokens     generated token ids; copied
 * @param logprobs   one logprob per token; copied
 * @param stopReason why generation ended
 */
public record SampledSequence(List<Integer> tokens, List<Double> logprobs, StopReason stopReason) {

    public SampledSequence {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        logprobs = List.copyOf(Objects.requireNonNull(logprobs, "logprobs"));
        Objects.requireNonNull(stopReason, "stopReason");
        if (tokens.size() != logprobs.size()) {
            throw new IllegalArgumentException("tokens and logprobs must have the same size, were "
                    + tokens.size() + " and " + logprobs.size());
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) < 0) {
                throw new IllegalArgumentException("tokens[" + i + "] must be >= 0, was " + tokens.get(i));
            }
        }
    }

    /** The tokens as an array, for decoding: {@code tokenizer.decode(seq.tokenArray())}. */
    public int[] tokenArray() {
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }
}
