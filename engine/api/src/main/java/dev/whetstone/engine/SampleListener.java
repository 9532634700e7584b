package dev.whetstone.engine;

/**
 * Receives tokens while a {@link SamplingClient#sampleStreaming} request decodes them, in order within
 * each sequence: {@code sampler.sampleStreaming(prompt, 1, params, t -> ui.append(t.token()))}.
 *
 * <p>It is called on the engine's device thread between decoder steps: return quickly (hand the token to
 * your own thread or UI queue) and do not block on the engine from here.
 */
@FunctionalInterface
public interface SampleListener {

    /** One new token; a sequence's last token carries its {@link SampledToken#stopReason()}. */
    void onToken(SampledToken token);
}
