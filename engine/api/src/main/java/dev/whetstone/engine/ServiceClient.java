package dev.whetstone.engine;

import dev.whetstone.engine.spi.LocalEngines;
import dev.whetstone.engine.spi.RemoteEngines;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point of the engine: creates training and sampling clients for base models, mirroring
 * Tinker's {@code tinker.ServiceClient}.
 *
 * <pre>{@code
 * try (ServiceClient service = ServiceClient.local(EngineOptions.builder().device("cpu").build())) {
 *     TrainingClient training = service.createLoraTrainingClient("Qwen/Qwen3-0.6B", LoraConfig.ofRank(16));
 * }
 * }</pre>
 */
public interface ServiceClient extends AutoCloseable {

    /** An in-process engine with default options: device auto, home {@code ~/.whetstone} (or {@code WHETSTONE_HOME}). */
    static ServiceClient local() {
        return local(EngineOptions.defaults());
    }

    /**
     * An in-process engine: {@code ServiceClient.local(EngineOptions.builder().home(dir).build())}. The
     * implementation (DJL's) is found on the class path with {@link java.util.ServiceLoader}.
     */
    static ServiceClient local(EngineOptions options) {
        return LocalEngines.open(options);
    }

    /**
     * A remote engine speaking Tinker's wire protocol: a {@code whetstone serve} on this machine or another, or
     * hosted Tinker. The same interfaces, ordering and numbers as in process; {@code apiKey} may be null on
     * loopback. {@code ServiceClient.connect(URI.create("http://127.0.0.1:8000"), null)}
     */
    static ServiceClient connect(URI baseUrl, String apiKey) {
        return RemoteEngines.connect(baseUrl, apiKey);
    }

    /**
     * As {@link #connect(URI, String)} with the server and key of the environment, {@code TINKER_BASE_URL} and
     * {@code TINKER_API_KEY}, as the Tinker SDK reads them: {@code ServiceClient.connect()}.
     */
    static ServiceClient connect() {
        return RemoteEngines.connectFromEnvironment(System.getenv());
    }

    /**
     * A LoRA training client on {@code baseModel}: a Hugging Face model folder, or a repo id such as
     * {@code Qwen/Qwen3-0.6B} found in the HF cache or the engine's model store. Blocks while loading.
     */
    TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora);

    /** As {@link #createLoraTrainingClient(String, LoraConfig)} with Tinker's default rank 32. */
    default TrainingClient createLoraTrainingClient(String baseModel) {
        return createLoraTrainingClient(baseModel, LoraConfig.defaults());
    }

    /**
     * Extension: as {@link #createLoraTrainingClient(String, LoraConfig)}, recorded under the given run id
     * (e.g. the run supervisor's run folder) instead of a fresh one. An existing run folder is reused.
     */
    TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora, String runId);

    /**
     * Extension beyond Tinker: a training client that fine-tunes every weight of {@code baseModel} (float32
     * copies; the loaded base stays unchanged for other clients). Its checkpoints are whole model folders.
     * {@code service.createFullTrainingClient("path/to/small-model")}
     */
    default TrainingClient createFullTrainingClient(String baseModel) {
        return createFullTrainingClient(baseModel, null);
    }

    /** As {@link #createFullTrainingClient(String)}, recorded under {@code runId} (null = a fresh id). */
    TrainingClient createFullTrainingClient(String baseModel, String runId);

    /** Loads the model without blocking the caller: {@code service.createLoraTrainingClientAsync(m, lora).thenAccept(...)}. */
    CompletableFuture<TrainingClient> createLoraTrainingClientAsync(String baseModel, LoraConfig lora);

    /** A training client whose base model and LoRA config come from a checkpoint; weights only, fresh optimizer. */
    TrainingClient createTrainingClientFromState(String path);

    /** Non-blocking {@link #createTrainingClientFromState(String)}. */
    CompletableFuture<TrainingClient> createTrainingClientFromStateAsync(String path);

    /** A training client restored from a checkpoint with its Adam state. */
    TrainingClient createTrainingClientFromStateWithOptimizer(String path);

    /** Non-blocking {@link #createTrainingClientFromStateWithOptimizer(String)}. */
    CompletableFuture<TrainingClient> createTrainingClientFromStateWithOptimizerAsync(String path);

    /**
     * Extension: as {@link #createTrainingClientFromStateWithOptimizer(String)}, continuing under the given
     * run id (a supervisor resuming its own run) instead of a fresh one.
     */
    TrainingClient createTrainingClientFromStateWithOptimizer(String path, String runId);

    /** A sampling client on a {@code tinker://} checkpoint path, a PEFT adapter folder, or a base model. */
    SamplingClient createSamplingClient(String modelPathOrBaseModel);

    /** Non-blocking {@link #createSamplingClient(String)}. */
    CompletableFuture<SamplingClient> createSamplingClientAsync(String modelPathOrBaseModel);

    /** What this engine can run: architectures, device, memory. */
    ServerCapabilities getServerCapabilities();

    /** The checkpoint store under the engine home: list, delete, TTL, export. */
    CheckpointStore checkpoints();

    /** Frees every loaded model and native resource. */
    @Override
    void close();
}
