package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.wire.WhetstoneExtensions;
import dev.whetstone.engine.wire.json.SamplingMessages;
import dev.whetstone.engine.wire.json.SessionMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link ServiceClient} over Tinker's wire protocol: a {@code whetstone serve} or hosted Tinker. Training and
 * sampling clients keep the in-process semantics (call order is execution order, futures pipeline) and give the
 * same numbers; tokenizers load on this machine. {@code ServiceClient.connect(URI.create("http://127.0.0.1:8000"), key)}
 */
public final class RemoteServiceClient implements ServiceClient {
    private final Connection connection;
    private final FuturePoller poller;
    private final RemoteSession session;
    private final RemoteTokenizers tokenizers = new RemoteTokenizers();
    private final RemoteCheckpointStore checkpoints;
    private final List<RemoteTrainingClient> trainingClients = new ArrayList<>();

    private RemoteServiceClient(Connection connection, RemoteSession session) {
        this.connection = connection;
        this.poller = new FuturePoller(connection);
        this.session = session;
        this.checkpoints = new RemoteCheckpointStore(connection);
    }

    /** Connects (client config, a session, heartbeats); fails with a clear message when the server cannot be used. */
    public static RemoteServiceClient connect(URI baseUrl, String apiKey, WireOptions options) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (apiKey != null && !apiKey.startsWith("tml-") && !apiKey.startsWith("eyJ")) {
            throw new IllegalArgumentException("an API key for Tinker's protocol starts with 'tml-' (or is a JWT, 'eyJ...'), "
                    + "as the Tinker SDK requires; check TINKER_API_KEY or the key you passed");
        }
        Connection connection = new Connection(baseUrl, apiKey, options);
        try {
            return new RemoteServiceClient(connection, RemoteSession.open(connection));
        } catch (CompletionException e) {
            connection.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The server this client talks to. */
    public URI baseUrl() {
        return connection.base();
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora) {
        return join(createLoraTrainingClientAsync(baseModel, lora));
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora, String runId) {
        return join(create(baseModel, lora, extensions(runId, false)));
    }

    @Override
    public TrainingClient createFullTrainingClient(String baseModel, String runId) {
        return join(create(baseModel, null, extensions(runId, true)));
    }

    @Override
    public CompletableFuture<TrainingClient> createLoraTrainingClientAsync(String baseModel, LoraConfig lora) {
        Objects.requireNonNull(lora, "lora");
        return create(baseModel, lora, Map.of());
    }

    private static Map<String, Object> extensions(String runId, boolean full) {
        Map<String, Object> metadata = new HashMap<>();
        if (runId != null) {
            metadata.put(WhetstoneExtensions.RUN_ID, TinkerPath.requireValidName("run id", runId));
        }
        if (full) {
            metadata.put(WhetstoneExtensions.FULL_FINE_TUNING, "true");
        }
        return metadata;
    }

    private CompletableFuture<TrainingClient> create(String baseModel, LoraConfig lora, Map<String, Object> metadata) {
        Objects.requireNonNull(baseModel, "baseModel");
        if (lora != null && lora.alpha() != LoraConfig.DEFAULT_ALPHA) {
            throw new IllegalArgumentException("Tinker's protocol fixes LoRA alpha at 32; alpha " + lora.alpha()
                    + " can only be trained in process (ServiceClient.local)");
        }
        TrainingMessages.LoraConfigJson loraJson = lora == null ? null : new TrainingMessages.LoraConfigJson(lora.rank(), lora.seed(),
                lora.trainUnembed(), lora.trainMlp(), lora.trainAttn());
        TrainingMessages.CreateModelRequest request = new TrainingMessages.CreateModelRequest(session.id(), session.nextModelSeq(),
                baseModel, metadata.isEmpty() ? null : metadata, loraJson, "create_model");
        return poller.submit(Connection.Call.json("POST", "create_model", request), false).thenApply(answer -> {
            String modelId = answer.json(TrainingMessages.CreateModelResponse.class).modelId();
            RemoteTrainingClient client = new RemoteTrainingClient(this, modelId, baseModel);
            synchronized (trainingClients) {
                trainingClients.add(client);
            }
            return client;
        });
    }

    @Override
    public TrainingClient createTrainingClientFromState(String path) {
        return join(createTrainingClientFromStateAsync(path));
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateAsync(String path) {
        return fromState(path, false, null);
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path) {
        return join(createTrainingClientFromStateWithOptimizerAsync(path));
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateWithOptimizerAsync(String path) {
        return fromState(path, true, null);
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path, String runId) {
        return join(fromState(path, true, runId));
    }

    /** As the SDK does it: weights_info, create_model with that shape, then load_weights. */
    private CompletableFuture<TrainingClient> fromState(String path, boolean withOptimizer, String runId) {
        TinkerPath tinker = TinkerPath.parse(path);
        if (withOptimizer && tinker.kind() != TinkerPath.Kind.WEIGHTS) {
            throw new IllegalArgumentException(path + " is a sampler checkpoint (adapter only); the optimizer state lives in "
                    + "tinker://<run-id>/weights/<name> checkpoints saved with saveState");
        }
        return connection.send(Connection.Call.json("POST", "weights_info", new TrainingMessages.WeightsInfoRequest(path)))
                .thenCompose(answer -> {
                    TrainingMessages.WeightsInfoResponse info = answer.json(TrainingMessages.WeightsInfoResponse.class);
                    LoraConfig lora = info.isLora() ? new LoraConfig(info.loraRank(), LoraConfig.DEFAULT_ALPHA, null,
                            info.trainAttn() == null || info.trainAttn(), info.trainMlp() == null || info.trainMlp(),
                            info.trainUnembed() == null || info.trainUnembed()) : null;
                    return create(info.baseModel(), lora, extensions(runId, !info.isLora()));
                })
                .thenCompose(client -> (withOptimizer ? client.loadStateWithOptimizer(path) : client.loadState(path))
                        .thenApply(loaded -> client));
    }

    @Override
    public SamplingClient createSamplingClient(String modelPathOrBaseModel) {
        return join(createSamplingClientAsync(modelPathOrBaseModel));
    }

    @Override
    public CompletableFuture<SamplingClient> createSamplingClientAsync(String modelPathOrBaseModel) {
        Objects.requireNonNull(modelPathOrBaseModel, "modelPathOrBaseModel");
        boolean path = TinkerPath.isTinkerPath(modelPathOrBaseModel);
        if (path) {
            TinkerPath.parse(modelPathOrBaseModel);
        }
        SamplingMessages.CreateSamplingSessionRequest request = new SamplingMessages.CreateSamplingSessionRequest(session.id(),
                session.nextSamplerSeq(), path ? null : modelPathOrBaseModel, path ? modelPathOrBaseModel : null,
                "create_sampling_session");
        return connection.send(Connection.Call.json("POST", "create_sampling_session", request)).thenApply(answer ->
                sampler(answer.json(SamplingMessages.CreateSamplingSessionResponse.class).samplingSessionId()));
    }

    RemoteSamplingClient sampler(String samplingSessionId) {
        return new RemoteSamplingClient(this, samplingSessionId);
    }

    @Override
    public ServerCapabilities getServerCapabilities() {
        SessionMessages.GetServerCapabilitiesResponse caps = join(connection.send(Connection.Call.get("get_server_capabilities")))
                .json(SessionMessages.GetServerCapabilitiesResponse.class);
        SessionMessages.EngineDescription engine = caps.whetstone();
        List<String> models = caps.supportedModels() == null ? List.of()
                : caps.supportedModels().stream().map(SessionMessages.SupportedModel::modelName).toList();
        if (engine == null) {   // hosted Tinker: no device to report
            return new ServerCapabilities(List.of(), "remote (" + connection.base() + ")", "remote", 0, models);
        }
        return new ServerCapabilities(engine.architectures(), engine.device() + " at " + connection.base(), engine.nativeFlavor(),
                engine.totalMemoryBytes(), models);
    }

    /** The base models the server can load, named as Tinker names them ({@code Qwen/Qwen3-0.6B}). */
    public List<String> supportedModels() {
        SessionMessages.GetServerCapabilitiesResponse caps = join(connection.send(Connection.Call.get("get_server_capabilities")))
                .json(SessionMessages.GetServerCapabilitiesResponse.class);
        return caps.supportedModels() == null ? List.of()
                : caps.supportedModels().stream().map(SessionMessages.SupportedModel::modelName).toList();
    }

    @Override
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    Connection connection() {
        return connection;
    }

    FuturePoller poller() {
        return poller;
    }

    RemoteSession session() {
        return session;
    }

    RemoteTokenizers tokenizers() {
        return tokenizers;
    }

    /** Frees the models this client created on the server, stops the heartbeat, closes the connections. */
    @Override
    public void close() {
        List<RemoteTrainingClient> clients;
        synchronized (trainingClients) {
            clients = List.copyOf(trainingClients);
            trainingClients.clear();
        }
        for (RemoteTrainingClient c : clients) {
            c.close();
        }
        session.close();
        connection.close();
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
