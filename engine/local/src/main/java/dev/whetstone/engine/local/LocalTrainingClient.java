package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.GetInfoResponse;
import dev.whetstone.engine.LoadWeightsResponse;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SaveWeightsResponse;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.CheckpointRecord;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import dev.whetstone.engine.local.optim.OptimizerState;
import dev.whetstone.engine.checkpoint.RunRecord;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.SafetensorsWriter;
import dev.whetstone.engine.local.loss.BatchValidator;
import dev.whetstone.engine.local.loss.ChunkedLoss;
import dev.whetstone.engine.local.loss.CustomLossSurrogate;
import dev.whetstone.engine.local.loss.LossDiagnostics;
import dev.whetstone.engine.local.loss.LossSpec;
import dev.whetstone.engine.local.loss.TokenBatch;
import dev.whetstone.engine.local.loss.TokenLoss;
import dev.whetstone.engine.local.optim.AdamW;
import dev.whetstone.engine.local.optim.GradientNorm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process {@link TrainingClient}: a LoRA adapter (or, for full fine-tuning, a copy of every weight)
 * and its AdamW state on a shared
 * {@link BaseModel}. Calls validate on the caller's thread, then queue on the model's device thread in
 * call order.
 */
public final class LocalTrainingClient implements TrainingClient {
    private static final String OUTPUT_TYPE = "ArrayRecord";

    private final BaseModel model;
    private final LocalCheckpointStore store;
    private final String runId;
    private final LoraConfig lora;
    private final BatchValidator validator;
    private AdamW optimizer;              // device thread only
    private Trainable trainable;          // device thread only
    private boolean hasGradients;         // device thread only: a backward ran since the last optimStep
    private boolean gradientsAllocated;   // device thread only: a backward ever ran (torch keeps the buffers)
    private long lossChunkCells;          // 0: ChunkedLoss.defaultChunkCells for the model's vocabulary
    private volatile boolean closed;

    private LocalTrainingClient(BaseModel model, LocalCheckpointStore store, String runId, LoraConfig lora) {
        this.model = model;
        this.store = store;
        this.runId = runId;
        this.lora = lora;
        this.validator = new BatchValidator(model.config().vocabSize(), model.config().maxPositionEmbeddings());
    }

    /**
     * A client with a freshly initialised adapter (seed from {@code lora}, else {@code fallbackSeed}), recorded
     * as run {@code runId} in the store; {@code source} is the checkpoint it starts from, or null.
     */
    static LocalTrainingClient create(BaseModel model, LocalCheckpointStore store, String runId, LoraConfig requested,
                                      long fallbackSeed, String source) {
        LoraConfig lora = requested.seed() != null ? requested : requested.withSeed(fallbackSeed);
        store.writeRun(new RunRecord(runId, model.name(), model.folder().toString(), lora, Instant.now(), source));
        LocalTrainingClient client = new LocalTrainingClient(model, store, runId, lora);
        model.thread().call("creating the LoRA adapter", () -> {
            client.trainable = new LoraTrainable(model,
                    LoraAdapter.initialize(model.config(), lora, lora.seed(), model.manager(), model.constants()));
            client.optimizer = new AdamW(model.manager());
            return null;
        });
        model.retain();
        return client;
    }

    /**
     * A full fine-tuning client (an extension beyond Tinker): a float32 copy of every base weight, all
     * trained, recorded as run {@code runId}; {@code source} is the checkpoint it starts from, or null.
     */
    static LocalTrainingClient createFull(BaseModel model, LocalCheckpointStore store, String runId, String source) {
        store.writeRun(new RunRecord(runId, model.name(), model.folder().toString(), null, Instant.now(), source));
        LocalTrainingClient client = new LocalTrainingClient(model, store, runId, null);
        model.thread().call("copying the weights for full fine-tuning", () -> {
            client.trainable = FullTrainable.copyOf(model);
            client.optimizer = new AdamW(model.manager());
            return null;
        });
        model.retain();
        return client;
    }

    /** Whether this client trains every weight instead of a LoRA adapter. */
    public boolean isFullFineTuning() {
        return lora == null;
    }

    public String runId() {
        return runId;
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forward(List<Datum> data, LossFn lossFn, Map<String, Double> lossFnConfig) {
        return lossPass("forward", data, lossFn, lossFnConfig, false);
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackward(List<Datum> data, LossFn lossFn,
                                                                   Map<String, Double> lossFnConfig) {
        return lossPass("forwardBackward", data, lossFn, lossFnConfig, true);
    }

    private CompletableFuture<ForwardBackwardOutput> lossPass(String what, List<Datum> data, LossFn lossFn,
                                                              Map<String, Double> lossFnConfig, boolean backward) {
        checkOpen();
        Map<String, Double> config = validator.validate(data, lossFn, lossFnConfig);
        LossSpec spec = LossSpec.of(lossFn);
        TokenBatch batch = TokenBatch.of(data, spec.floatInputs(), defaultsFrom(config));
        return model.thread().submit(what + "(" + lossFn.wireName() + ")", () -> {
            ChunkedLoss.Result result = runGuarded(batch, TokenLoss.of(lossFn), config, spec.floatInputs(), backward);
            return output(batch, result, LossDiagnostics.of(spec, batch, result.logprobs()));
        });
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackwardCustom(List<Datum> data, CustomLossFn lossFn) {
        checkOpen();
        Objects.requireNonNull(lossFn, "lossFn");
        List<Datum> withWeights = CustomLossSurrogate.withZeroWeights(data);
        Map<String, Double> config = validator.validate(withWeights, LossFn.CROSS_ENTROPY, Map.of());
        List<String> keys = List.of("weights");
        TokenBatch batch = TokenBatch.of(withWeights, keys, Map.of());
        return model.thread().submit("forwardBackwardCustom", () -> {
            TokenLoss crossEntropy = TokenLoss.of(LossFn.CROSS_ENTROPY);
            ChunkedLoss.Result forward = chunkedLoss().run(batch, trainable.hook(), crossEntropy, config, keys, false);
            CustomLossSurrogate.Gradients user = CustomLossSurrogate.userGradients(batch, forward.logprobs(), data, lossFn,
                    model.manager());
            TokenBatch surrogate = batch.withPerToken("weights", user.surrogateWeights());
            ChunkedLoss.Result result = runGuarded(surrogate, crossEntropy, config, keys, true);
            // the SDK's names: loss:sum is the caller's loss, surrogate_loss:sum the cross-entropy that carried its gradient
            Map<String, Double> metrics = new HashMap<>(user.metrics());
            metrics.put("surrogate_loss:sum", result.lossSum());
            ForwardBackwardOutput out = output(batch, result, metrics);
            Map<String, Double> named = new HashMap<>(out.metrics());
            named.put("loss:sum", user.loss());
            return new ForwardBackwardOutput(out.lossFnOutputType(), out.lossFnOutputs(), named);
        });
    }

    /** Runs a pass; if a backward fails half-way, the partial gradients are discarded with the rest since the last step. */
    private ChunkedLoss.Result runGuarded(TokenBatch batch, TokenLoss loss, Map<String, Double> config, List<String> keys,
                                          boolean backward) {
        try {
            ChunkedLoss.Result result = chunkedLoss().run(batch, trainable.hook(), loss, config, keys, backward);
            hasGradients |= backward;
            gradientsAllocated |= backward;
            return result;
        } catch (RuntimeException | Error e) {
            if (backward) {
                zeroGradients();   // this pass's partial gradients too (the head's, when the loss overflowed)
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<OptimStepResponse> optimStep(AdamParams params) {
        checkOpen();
        Objects.requireNonNull(params, "params");
        return model.thread().submit("optimStep", () -> {
            if (overflowChecked() && hasGradients) {
                refuseOverflowedGradients();
            }
            AdamW.StepResult step = optimizer.step(trainable.parameters(), params, hasGradients);
            hasGradients = false;
            return new OptimStepResponse(Map.of(
                    "grad_norm:mean", step.gradNorm(),
                    "learning_rate:mean", params.learningRate(),
                    "step:max", (double) step.step()));
        });
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadState(String path) {
        checkOpen();
        Objects.requireNonNull(path, "path");
        TinkerPath tinker = TinkerPath.isTinkerPath(path) ? TinkerPath.parse(path) : null;
        return model.thread().submit("loadState(" + path + ")", () -> {
            Path folder = tinker != null ? store.resolve(tinker) : adapterFolder(path);
            trainable.load(folder);
            optimizer.reset();
            hasGradients = false;
            return new LoadWeightsResponse(path, runId);
        });
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadStateWithOptimizer(String path) {
        checkOpen();
        TinkerPath tinker = TinkerPath.parse(path);
        if (tinker.kind() != TinkerPath.Kind.WEIGHTS) {
            throw new IllegalArgumentException(path + " is a sampler checkpoint (adapter only); the optimizer state lives in "
                    + "tinker://<run-id>/weights/<name> checkpoints saved with saveState");
        }
        return model.thread().submit("loadStateWithOptimizer(" + path + ")", () -> {
            Path folder = store.resolve(tinker);
            CheckpointRecord record = store.record(tinker);
            trainable.load(folder);
            OptimizerState.read(folder.resolve(OptimizerState.FILE), trainable.parameterNames(), trainable.parameters(),
                    optimizer, record.step());
            hasGradients = false;
            return new LoadWeightsResponse(path, runId);
        });
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveState(String name, Duration ttl, boolean overwrite) {
        checkOpen();
        TinkerPath path = new TinkerPath(runId, TinkerPath.Kind.WEIGHTS, TinkerPath.requireValidName("checkpoint name", name));
        Instant expiry = expiry(ttl);
        return model.thread().submit("saveState(" + name + ")", () -> {
            Map<String, FloatTensor> moments = OptimizerState.toHost(trainable.parameterNames(), trainable.parameters(), optimizer);
            store.write(record(path, expiry), overwrite, dir -> {
                trainable.writeFolder(dir);
                SafetensorsWriter.write(dir.resolve(OptimizerState.FILE), moments, Map.of("format", "pt"));
            });
            return new SaveWeightsResponse(path.toString());
        });
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveWeightsForSampler(String name, Duration ttl) {
        checkOpen();
        TinkerPath path = new TinkerPath(runId, TinkerPath.Kind.SAMPLER_WEIGHTS,
                TinkerPath.requireValidName("checkpoint name", name));
        Instant expiry = expiry(ttl);
        return model.thread().submit("saveWeightsForSampler(" + name + ")", () -> {
            store.write(record(path, expiry), false, trainable::writeFolder);
            return new SaveWeightsResponse(path.toString());
        });
    }

    private CheckpointRecord record(TinkerPath path, Instant expiry) {
        return new CheckpointRecord(path, Instant.now(), expiry, optimizer.stepCount(), model.name(),
                model.folder().toString(), lora);
    }

    private static Instant expiry(Duration ttl) {
        if (ttl == null) {
            return null;
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive or null (never expires), was " + ttl);
        }
        return Instant.now().plus(ttl);
    }

    @Override
    public CompletableFuture<SamplingClient> saveWeightsAndGetSamplingClient() {
        checkOpen();
        // queued in call order, so the snapshot holds every optimStep submitted before this call
        return model.thread().submit("snapshotting the weights of " + runId + " for sampling",
                () -> trainable.snapshot(runId + " (snapshot)"));
    }

    /**
     * A sampler on a {@code tinker://} checkpoint or PEFT adapter folder for this base model, or on the base
     * model with no adapter (its name or folder). It shares this client's base weights.
     */
    @Override
    public SamplingClient createSamplingClient(String path) {
        checkOpen();
        Objects.requireNonNull(path, "path");
        if (TinkerPath.isTinkerPath(path)) {
            TinkerPath checkpoint = TinkerPath.parse(path);
            if (store.record(checkpoint).lora() == null) {
                throw new IllegalArgumentException(path + " is a full fine-tuning checkpoint (a whole model): sample it with "
                        + "ServiceClient.createSamplingClient(\"" + path + "\")");
            }
            return SamplerSource.fromAdapterFolder(model, store.resolve(checkpoint));
        }
        if (SamplerSource.isBaseModel(path, model)) {
            return LocalSamplingClient.create(model, null, model.name());
        }
        return SamplerSource.fromAdapterFolder(model, adapterFolder(path));
    }

    @Override
    public CompletableFuture<GetInfoResponse> getInfo() {
        checkOpen();
        return CompletableFuture.completedFuture(new GetInfoResponse(runId, model.name(),
                model.config().architecture().hfName(), lora != null, lora == null ? null : lora.rank(), model.tokenizer().id()));
    }

    @Override
    public Tokenizer getTokenizer() {
        return model.tokenizer();
    }

    @Override
    public void close() {
        model.thread().requireNotCurrent("closing the TrainingClient " + runId);
        if (closed) {
            return;
        }
        closed = true;
        model.thread().submit("closing " + runId, () -> {
            trainable.close();
            optimizer.close();
            model.device().releaseCachedMemory();   // the run's peak goes back to the GPU, not kept for the next
            return null;
        }).join();
        model.release();
    }

    private ChunkedLoss chunkedLoss() {
        long cells = lossChunkCells > 0 ? lossChunkCells : ChunkedLoss.defaultChunkCells(model.config().vocabSize());
        return new ChunkedLoss(trainable.decoder(), model.manager(), model.constants(), cells, overflowChecked());
    }

    /** Whether passes run through float16 matrices (a LoRA on a GPU), where a value may overflow. */
    private boolean overflowChecked() {
        return model.device().halfMatrices() && !isFullFineTuning();
    }

    /** Before an update through float16 matrices: non-finite gradients are discarded and refused, not applied. */
    private void refuseOverflowedGradients() {
        double norm;
        try (NDScope scope = new NDScope()) {
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : trainable.parameters()) {
                grads.add(p.getGradient());
            }
            norm = GradientNorm.global(grads);
        }
        if (!Double.isFinite(norm)) {
            zeroGradients();
            throw new Float16OverflowException("the gradients came out " + norm + " with the frozen matrices in float16: a "
                    + "gradient passed float16's ±65504 on its way back through them; they were discarded and this step "
                    + "changed nothing. Lower the learning rate or the batch's loss weights, or train on the CPU "
                    + "(device cpu), which keeps float32");
        }
    }

    /**
     * What this client's model holds on its device now, by owner (for the memory estimate and the bench);
     * ordered after earlier calls.
     */
    public CompletableFuture<HeldMemory> heldMemory() {
        checkOpen();
        return model.thread().submit("measuring the memory held", () -> {
            long trainableBytes = bytes(trainable.parameters());
            return new HeldMemory(model.manager().getManagedArrays().size(), bytes(model.weights().trainables().values()),
                    trainableBytes, gradientsAllocated ? trainableBytes : 0, optimizer.hasState() ? 2 * trainableBytes : 0);
        });
    }

    /**
     * Starts libtorch's profiler on the device thread: the calls queued after this one are recorded until
     * {@link #stopProfiler}. On a GPU it asks for CUDA timings and falls back to host timings where the
     * libtorch build refuses them; the future says which (true: CUDA). For the bench's step profile.
     */
    public CompletableFuture<Boolean> startProfiler() {
        checkOpen();
        boolean gpu = model.device().device().isGpu();
        return model.thread().submit("starting the profiler", () -> {
            if (gpu) {
                try {
                    JniUtils.startProfile(true, true, false);
                    return true;
                } catch (ai.djl.engine.EngineException cudaRefused) {
                    // host timings below, which still show where the step waits for the device
                }
            }
            JniUtils.startProfile(false, true, false);
            return false;
        });
    }

    /** Stops the profiler after the calls queued before this one and writes a Chrome trace to {@code file}. */
    public CompletableFuture<Void> stopProfiler(Path file) {
        checkOpen();
        return model.thread().submit("writing the profile " + file, () -> {
            JniUtils.stopProfile(file.toString());
            return null;
        });
    }

    private static long bytes(java.util.Collection<NDArray> tensors) {
        long total = 0;
        for (NDArray t : tensors) {
            total += t.size() * t.getDataType().getNumOfBytes();
        }
        return total;
    }

    // ---- a package-private seam for tests in this package (TrainingProbe); nothing else calls it ----

    /** What {@link #inspect} hands its action on the device thread. */
    interface Inspection<T> {
        T apply(Trainable trainable, boolean hasGradients);
    }

    /** Runs {@code action} on the device thread after every call made before it. */
    <T> CompletableFuture<T> inspect(String what, Inspection<T> action) {
        checkOpen();
        return model.thread().submit(what, () -> action.apply(trainable, hasGradients));
    }

    /** Caps the logits computed at once (tests use tiny chunks to exercise the chunked backward). */
    void setLossChunkCells(long cells) {
        model.thread().call("setting the loss chunk size", () -> {
            lossChunkCells = cells;
            return null;
        });
    }

    private void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            for (NDArray p : trainable.parameters()) {
                p.getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0);
            }
        }
        hasGradients = false;
    }

    private ForwardBackwardOutput output(TokenBatch batch, ChunkedLoss.Result result, Map<String, Double> extraMetrics) {
        List<Map<String, TensorData>> outputs = new ArrayList<>(batch.slices().size());
        for (int i = 0; i < batch.slices().size(); i++) {
            long[] shape = batch.slices().get(i).outputShape();
            outputs.add(Map.of(
                    "logprobs", TensorData.ofFloats(batch.datumValues(i, result.logprobs()), shape),
                    "elementwise_loss", TensorData.ofFloats(batch.datumValues(i, result.elementwiseLoss()), shape)));
        }
        Map<String, Double> metrics = new HashMap<>(extraMetrics);
        metrics.put("loss:sum", result.lossSum());
        return new ForwardBackwardOutput(OUTPUT_TYPE, outputs, metrics);
    }

    private static Map<String, Float> defaultsFrom(Map<String, Double> config) {
        Map<String, Float> defaults = new HashMap<>();
        config.forEach((k, v) -> defaults.put(k, v.floatValue()));
        return defaults;
    }

    private static Path adapterFolder(String path) {
        Path folder = Path.of(path);
        if (!Files.isDirectory(folder)) {
            throw new CheckpointNotFoundException("'" + path + "' is neither a tinker:// path nor an existing folder; pass "
                    + "a PEFT adapter folder (adapter_config.json + adapter_model.safetensors)");
        }
        return folder;
    }


    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TrainingClient (" + runId + ") is closed; create a new one");
        }
    }
}
