package dev.whetstone.engine;

/**
 * One token of a sequence as it is generated, delivered to a {@link SampleListener}.
 *
 * @param sequence   which of the request's {@code numSamples} sequences, from 0
 * @param position   index of the token in that sequence's {@link SampledSequence#tokens()}, from 0
 * @param token      the token id
 * @param logprob    its logprob under the distribution it was drawn from (as in {@link SampledSequence#logprobs()})
 * @param stopReason why the sequence ended if this is its last token, else {@code null}
 */
public record SampledToken(int sequence, int position, int token, double logprob, StopReason stopReason) {

    public SampledToken {
        if (sequence < 0 || position < 0 || token < 0) {
            throw new IllegalArgumentException("sequence, position and token must be >= 0, were "
                    + sequence + ", " + position + " and " + token);
        }
    }

    /** Whether this is the last token of its sequence. */
    public boolean isLast() {
        return stopReason != null;
    }
}
