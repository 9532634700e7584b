package dev.whetstone.app.engine;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleListener;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.Tokenizer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link SamplingClient} of an {@link OpenedEngine}: samples on the engine's own client and fails as soon as the
 * engine is lost. Closing it frees the engine's snapshot when the engine's client holds one.
 */
final class GuardedSamplingClient implements SamplingClient, AutoCloseable {
    private final OpenedEngine engine;
    private final SamplingClient delegate;
    private final Supplier<String> baseModel;
    private final Function<String, Tokenizer> tokenizers;

    /** {@code baseModel} names the model whose tokenizer this machine loads for an engine behind the wire. */
    GuardedSamplingClient(OpenedEngine engine, SamplingClient delegate, Supplier<String> baseModel,
                          Function<String, Tokenizer> tokenizers) {
        this.engine = engine;
        this.delegate = delegate;
        this.baseModel = baseModel;
        this.tokenizers = tokenizers;
    }

    @Override
    public CompletableFuture<SampleResponse> sample(ModelInput prompt, int numSamples, SamplingParams params,
                                                    boolean includePromptLogprobs, int topkPromptLogprobs) {
        return engine.guard(() -> delegate.sample(prompt, numSamples, params, includePromptLogprobs, topkPromptLogprobs));
    }

    @Override
    public CompletableFuture<SampleResponse> sampleStreaming(ModelInput prompt, int numSamples, SamplingParams params,
                                                             SampleListener listener) {
        return engine.guard(() -> delegate.sampleStreaming(prompt, numSamples, params, listener));
    }

    @Override
    public CompletableFuture<List<Double>> computeLogprobs(ModelInput prompt) {
        return engine.guard(() -> delegate.computeLogprobs(prompt));
    }

    @Override
    public Tokenizer getTokenizer() {
        return engine.tokenizesLocally() ? tokenizers.apply(baseModel.get()) : delegate.getTokenizer();
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable && !engine.isLost()) {
            closeable.close();
        }
    }
}
