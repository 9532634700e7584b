package dev.whetstone.engine.local;

import ai.djl.engine.Engine;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.CheckpointRecord;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.lora.PeftAdapterReader;
import dev.whetstone.engine.model.Architecture;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.local.tensor.NativeHeap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The in-process engine: resolves base models, loads each once (shared by its clients) and hands out
 * training clients, each its own run.
 */
public final class LocalServiceClient implements ServiceClient {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final EngineOptions options;
    private final LocalCheckpointStore store;
    private final Map<Path, BaseModel> models = new HashMap<>();
    private final ExecutorService loader = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "whetstone-loader");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();
    private DeviceSelection device;
    private boolean closed;

    public LocalServiceClient(EngineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // DJL probes a cloud metadata endpoint when a tokenizer loads unless told not to; the engine never
        // touches the network on its own (only an explicit model download may).
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        this.store = new LocalCheckpointStore(options.home());
        sweepExpiredCheckpoints();
        if (options.threads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.threads()));
        }
        NativeHeap.keepFreedMemory();
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora) {
        return createLoraTrainingClient(baseModel, lora, newRunId());
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora, String runId) {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(lora, "lora");
        TinkerPath.requireValidName("run id", runId);
        BaseModel model = acquire(baseModel);
        try {
            return LocalTrainingClient.create(model, store, runId, lora, random.nextLong(), null);
        } finally {
            model.release();   // acquire's hold: a client that was made holds the model itself
        }
    }

    @Override
    public TrainingClient createFullTrainingClient(String baseModel, String runId) {
        Objects.requireNonNull(baseModel, "baseModel");
        String id = runId == null ? newRunId() : TinkerPath.requireValidName("run id", runId);
        BaseModel model = acquire(baseModel);
        try {
            return LocalTrainingClient.createFull(model, store, id, null);
        } finally {
            model.release();   // acquire's hold: a client that was made holds the model itself
        }
    }

    @Override
    public CompletableFuture<TrainingClient> createLoraTrainingClientAsync(String baseModel, LoraConfig lora) {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(lora, "lora");
        return async(() -> createLoraTrainingClient(baseModel, lora));
    }

    @Override
    public TrainingClient createTrainingClientFromState(String path) {
        return fromState(path, false, newRunId());
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateAsync(String path) {
        return async(() -> createTrainingClientFromState(path));
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path) {
        return fromState(path, true, newRunId());
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path, String runId) {
        return fromState(path, true, TinkerPath.requireValidName("run id", runId));
    }

    /** A new run on the checkpoint's base model and LoRA config, starting from its weights (and Adam state). */
    private TrainingClient fromState(String path, boolean withOptimizer, String runId) {
        TinkerPath tinker = TinkerPath.parse(path);
        if (withOptimizer && tinker.kind() != TinkerPath.Kind.WEIGHTS) {
            throw new IllegalArgumentException(path + " is a sampler checkpoint (adapter only); the optimizer state lives in "
                    + "tinker://<run-id>/weights/<name> checkpoints saved with saveState");
        }
        CheckpointRecord record = store.record(tinker);
        BaseModel model = acquire(Files.isDirectory(Path.of(record.baseModelPath())) ? record.baseModelPath() : record.baseModel());
        LocalTrainingClient client;
        try {
            client = record.lora() == null ? LocalTrainingClient.createFull(model, store, runId, path)
                    : LocalTrainingClient.create(model, store, runId, record.lora(), random.nextLong(), path);
        } finally {
            model.release();   // acquire's hold: a client that was made holds the model itself
        }
        try {
            (withOptimizer ? client.loadStateWithOptimizer(path) : client.loadState(path)).join();
            return client;
        } catch (CompletionException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateWithOptimizerAsync(String path) {
        return async(() -> createTrainingClientFromStateWithOptimizer(path));
    }

    @Override
    public SamplingClient createSamplingClient(String modelPathOrBaseModel) {
        Objects.requireNonNull(modelPathOrBaseModel, "modelPathOrBaseModel");
        if (TinkerPath.isTinkerPath(modelPathOrBaseModel)) {
            TinkerPath checkpoint = TinkerPath.parse(modelPathOrBaseModel);
            CheckpointRecord record = store.record(checkpoint);
            Path folder = store.resolve(checkpoint);
            if (record.lora() == null) {   // full fine-tuning: the checkpoint is a whole model
                return samplingClient(folder, false, folder.toString());
            }
            return samplingClient(folder, true,
                    Files.isDirectory(Path.of(record.baseModelPath())) ? record.baseModelPath() : record.baseModel());
        }
        Path folder = Path.of(modelPathOrBaseModel);
        boolean adapter = PeftAdapterReader.isAdapterFolder(folder);
        return samplingClient(folder, adapter, adapter ? SamplerSource.baseModelOf(folder) : modelPathOrBaseModel);
    }

    private SamplingClient samplingClient(Path folder, boolean adapter, String baseModel) {
        BaseModel model = acquire(baseModel);
        try {
            return adapter ? SamplerSource.fromAdapterFolder(model, folder)
                    : LocalSamplingClient.create(model, null, model.name());
        } finally {
            model.release();   // acquire's hold: a client that was made holds the model itself
        }
    }

    @Override
    public CompletableFuture<SamplingClient> createSamplingClientAsync(String modelPathOrBaseModel) {
        return async(() -> createSamplingClient(modelPathOrBaseModel));
    }

    @Override
    public ServerCapabilities getServerCapabilities() {
        DeviceSelection selection = device();
        List<String> architectures = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            architectures.add(a.hfName());
        }
        return new ServerCapabilities(architectures, selection.description(), selection.flavor(),
                Runtime.getRuntime().maxMemory());
    }

    @Override
    public CheckpointStore checkpoints() {
        return store;
    }

    private void sweepExpiredCheckpoints() {
        try {
            store.sweepExpired();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LocalServiceClient.class).warn("Could not sweep expired checkpoints", e);
        }
    }

    /** The engine's options. */
    public EngineOptions options() {
        return options;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BaseModel model : List.copyOf(models.values())) {
            model.close();
        }
        models.clear();
        loader.shutdownNow();
        store.close();
    }

    private synchronized BaseModel acquire(String baseModel) {
        if (closed) {
            throw new IllegalStateException("this ServiceClient is closed");
        }
        Path folder = ModelLocator.resolve(baseModel, options.home()).toAbsolutePath().normalize();
        BaseModel model = models.get(folder);
        if (model == null || !model.tryRetain()) {   // none, or its last client let go and it is closing: a new one
            model = BaseModel.load(baseModel, folder, device(), () -> forget(folder));
            model.retain();
            models.put(folder, model);
        }
        return model;   // held for the caller, who releases it once the client it makes holds the model itself
    }

    /** A closed model leaves the map, unless a new one for the same folder has taken its place. */
    private synchronized void forget(Path folder) {
        models.computeIfPresent(folder, (f, model) -> model.isClosed() ? null : model);
    }

    private synchronized DeviceSelection device() {
        if (device == null) {
            Engine.getEngine("PyTorch");
            device = DeviceSelection.choose(options.device());
        }
        return device;
    }

    private String newRunId() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return "run-" + LocalDateTime.now().format(RUN_TIME) + "-" + HexFormat.of().formatHex(bytes);
    }

    private <T> CompletableFuture<T> async(java.util.function.Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, loader).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            throw cause instanceof RuntimeException r ? new CompletionException(r) : new CompletionException(cause);
        });
    }

}
