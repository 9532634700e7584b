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

    /** Teacher-forced logprob of every prompt token; element 0 is {@code null}. */
    CompletableFuture<List<Double>> computeLogprobs(ModelInput prompt);

    /** The base model's tokenizer. */
    Tokenizer getTokenizer();
}
