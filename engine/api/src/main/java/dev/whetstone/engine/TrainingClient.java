package dev.whetstone.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A LoRA adapter being trained on one base model, mirroring Tinker's {@code TrainingClient}.
 *
 * <p>Requests execute in call order (Tinker's seq-id rule), so pipelining is correct:
 * <pre>{@code
 * var fb = training.forwardBackward(batch, LossFn.CROSS_ENTROPY);
 * var step = training.optimStep(AdamParams.defaults().withLearningRate(2e-4));
 * double loss = fb.join().metrics().get("loss:sum");
 * step.join();
 * }</pre>
 * Arguments are validated at call time ({@link IllegalArgumentException}); failures while running
 * complete the future with a {@link WorkbenchException} and the client keeps working.
 */
public interface TrainingClient extends AutoCloseable {

    /** Loss and per-token outputs without gradients: {@code training.forward(data, LossFn.CROSS_ENTROPY)}. */
    default CompletableFuture<ForwardBackwardOutput> forward(List<Datum> data, LossFn lossFn) {
        return forward(data, lossFn, Map.of());
    }

    /** As {@link #forward(List, LossFn)} with loss configuration (e.g. PPO clip thresholds). */
    CompletableFuture<ForwardBackwardOutput> forward(List<Datum> data, LossFn lossFn, Map<String, Double> lossFnConfig);

    /** Loss, outputs and gradients; gradients accumulate until {@link #optimStep(AdamParams)}. */
    default CompletableFuture<ForwardBackwardOutput> forwardBackward(List<Datum> data, LossFn lossFn) {
        return forwardBackward(data, lossFn, Map.of());
    }

    /** As {@link #forwardBackward(List, LossFn)} with loss configuration. */
    CompletableFuture<ForwardBackwardOutput> forwardBackward(List<Datum> data, LossFn lossFn, Map<String, Double> lossFnConfig);

    /** Forward, the caller's loss on the target logprobs, and a surrogate backward (Tinker's {@code forward_backward_custom}). */
    CompletableFuture<ForwardBackwardOutput> forwardBackwardCustom(List<Datum> data, CustomLossFn lossFn);

    /** One AdamW update from the accumulated gradients, which are then cleared. */
    CompletableFuture<OptimStepResponse> optimStep(AdamParams params);

    /** Saves adapter and optimizer state as {@code tinker://<run-id>/weights/<name>}; never expires. */
    default CompletableFuture<SaveWeightsResponse> saveState(String name) {
        return saveState(name, null, false);
    }

    /** Saves adapter and optimizer state; {@code ttl} null means never expires. */
    CompletableFuture<SaveWeightsResponse> saveState(String name, Duration ttl, boolean overwrite);

    /** Loads adapter weights (optimizer reset) from a {@code tinker://} path or a PEFT adapter folder. */
    CompletableFuture<LoadWeightsResponse> loadState(String path);

    /** Loads adapter weights and Adam state from a {@code tinker://} training checkpoint. */
    CompletableFuture<LoadWeightsResponse> loadStateWithOptimizer(String path);

    /** Saves the adapter alone as a PEFT folder at {@code tinker://<run-id>/sampler_weights/<name>}. */
    default CompletableFuture<SaveWeightsResponse> saveWeightsForSampler(String name) {
        return saveWeightsForSampler(name, null);
    }

    /** Saves the adapter alone; {@code ttl} null means never expires. */
    CompletableFuture<SaveWeightsResponse> saveWeightsForSampler(String name, Duration ttl);

    /** A sampling client on an immutable snapshot of the current adapter. */
    CompletableFuture<SamplingClient> saveWeightsAndGetSamplingClient();

    /** A sampling client on a checkpoint, adapter folder or base model, sharing this client's base weights. */
    SamplingClient createSamplingClient(String path);

    /** Model id, base model, architecture, LoRA rank. */
    CompletableFuture<GetInfoResponse> getInfo();

    /** The base model's tokenizer. */
    Tokenizer getTokenizer();

    /** Frees the adapter and optimizer state; the base model is freed with the last client using it. */
    @Override
    void close();
}
