package dev.whetstone.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Samples from one immutable set of weights (a base model, optionally with an adapter), mirroring
 * Tinker's {@code SamplingClient}: {@code client.sample(prompt, 4, SamplingParams.defaults().withMaxTokens(64))}.
 */
public interface SamplingClient {

    /** {@code numSamples} independent continuations of {@code prompt}. */
    default CompletableFuture<SampleResponse> sample(ModelInput prompt, int numSamples, SamplingParams params) {
        return sample(prompt, numSamples, params, false, 0);
    }

    /** As {@link #sample(ModelInput, int, SamplingParams)}, optionally with the prompt's logprobs and top-k alternatives. */
    CompletableFuture<SampleResponse> sample(ModelInput prompt, int numSamples, SamplingParams params,
                                             boolean includePromptLogprobs, int topkPromptLogprobs);

    /**
     * As {@link #sample(ModelInput, int, SamplingParams)}, handing every token to {@code listener} as soon as it
     * is decoded. Cancelling the returned future ({@code future.cancel(false)}) stops decoding before the
     * next step and frees its memory; the listener has then seen every token produced so far.
     *
     * <p>{@code sampler.sampleStreaming(prompt, 1, params, t -> queue.add(t)).thenAccept(done -> ...)}
     *
     * <p>This default replays the finished response; the local engine streams for real.
     */
    default CompletableFuture<SampleResponse> sampleStreaming(ModelInput prompt, int numSamples, SamplingParams params,
                                                              SampleListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return sample(prompt, numSamples, params).thenApply(response -> {
            for (int s = 0; s < response.sequences().size(); s++) {
                SampledSequence seq = response.sequences().get(s);
                for (int i = 0; i < seq.tokens().size(); i++) {
                    StopReason reason = i == seq.tokens().size() - 1 ? seq.stopReason() : null;
                    listener.onToken(new SampledToken(s, i, seq.tokens().get(i), seq.logprobs().get(i), reason));
                }
            }
            return response;
        });
    }

    /** Teacher-forced logprob of every prompt token; element 0 is {@code null}. */
    CompletableFuture<List<Double>> computeLogprobs(ModelInput prompt);

    /** The base model's tokenizer. */
    Tokenizer getTokenizer();
}
