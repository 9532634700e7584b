package dev.whetstone.engine;

/**
 * One candidate token at a prompt position with its log-probability, an entry of
 * {@link SampleResponse#topkPromptLogprobs()}.
 *
 * @param token   the token id, {@code >= 0}
 * @param logprob its natural-log probability
 */
public record TokenLogprob(int token, double logprob) {

    public TokenLogprob {
        if (token < 0) {
            throw new IllegalArgumentException("token must be >= 0, was " + token);
        }
    }
}
