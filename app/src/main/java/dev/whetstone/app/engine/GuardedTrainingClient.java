package dev.whetstone.app.engine;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.GetInfoResponse;
import dev.whetstone.engine.LoadWeightsResponse;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SaveWeightsResponse;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.TrainingClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link TrainingClient} of an {@link OpenedEngine}: every call goes to the engine's own client, and fails with
 * the engine's loss as soon as the engine is lost. Tokenizers of an engine behind the wire come from this machine.
 */
final class GuardedTrainingClient implements TrainingClient {
    private final OpenedEngine engine;
    private final TrainingClient delegate;
    private final Function<String, Tokenizer> tokenizers;
    private volatile String baseModel;

    /** {@code baseModel} may be null (a client restored from a checkpoint): it is then asked of the engine. */
    GuardedTrainingClient(OpenedEngine engine, TrainingClient delegate, String baseModel, Function<String, Tokenizer> tokenizers) {
        this.engine = engine;
        this.delegate = delegate;
        this.baseModel = baseModel;
        this.tokenizers = tokenizers;
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forward(List<Datum> data, LossFn lossFn, Map<String, Double> config) {
        return engine.guard(() -> delegate.forward(data, lossFn, config));
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackward(List<Datum> data, LossFn lossFn, Map<String, Double> config) {
        return engine.guard(() -> delegate.forwardBackward(data, lossFn, config));
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackwardCustom(List<Datum> data, CustomLossFn lossFn) {
        return engine.guard(() -> delegate.forwardBackwardCustom(data, lossFn));
    }

    @Override
    public CompletableFuture<OptimStepResponse> optimStep(AdamParams params) {
        return engine.guard(() -> delegate.optimStep(params));
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveState(String name, Duration ttl, boolean overwrite) {
        return engine.guard(() -> delegate.saveState(name, ttl, overwrite));
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadState(String path) {
        return engine.guard(() -> delegate.loadState(path));
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadStateWithOptimizer(String path) {
        return engine.guard(() -> delegate.loadStateWithOptimizer(path));
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveWeightsForSampler(String name, Duration ttl) {
        return engine.guard(() -> delegate.saveWeightsForSampler(name, ttl));
    }

    @Override
    public CompletableFuture<SamplingClient> saveWeightsAndGetSamplingClient() {
        return engine.guard(delegate::saveWeightsAndGetSamplingClient)
                .thenApply(sampler -> new GuardedSamplingClient(engine, sampler, this::baseModel, tokenizers));
    }

    @Override
    public SamplingClient createSamplingClient(String path) {
        return new GuardedSamplingClient(engine, engine.call(() -> delegate.createSamplingClient(path)), this::baseModel, tokenizers);
    }

    @Override
    public CompletableFuture<GetInfoResponse> getInfo() {
        return engine.guard(delegate::getInfo);
    }

    @Override
    public Tokenizer getTokenizer() {
        return engine.tokenizesLocally() ? tokenizers.apply(baseModel()) : delegate.getTokenizer();
    }

    private String baseModel() {
        if (baseModel == null) {
            baseModel = OpenedEngine.join(getInfo()).modelName();
        }
        return baseModel;
    }

    /** Frees the model on the engine; a lost engine has nothing left to free. */
    @Override
    public void close() {
        if (!engine.isLost()) {
            delegate.close();
        }
    }
}
