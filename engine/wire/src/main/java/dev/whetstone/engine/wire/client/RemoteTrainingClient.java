package dev.whetstone.engine.wire.client;

import com.google.protobuf.InvalidProtocolBufferException;
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
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.spi.CustomLossInputs;
import dev.whetstone.engine.wire.DatumProto;
import dev.whetstone.engine.wire.ForwardBackwardProto;
import dev.whetstone.engine.wire.WireFormatException;
import dev.whetstone.engine.wire.ZstdBodies;
import dev.whetstone.engine.wire.json.FutureMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * {@link TrainingClient} over the wire. Every ordered call takes the next {@code seq_id} when it is made and is
 * submitted after the one before it (the SDK's turn rule); results are polled in parallel, so
 * {@code forwardBackward} + {@code optimStep} + joining both pipelines as in process.
 */
final class RemoteTrainingClient implements TrainingClient {
    private static final int CLOSE_WAIT_SECONDS = 10;
    private final RemoteServiceClient service;
    private final String modelId;
    private final String baseModel;
    private final Object turn = new Object();
    private int nextSeq = 1;                                    // guarded by turn
    private CompletableFuture<?> lastSubmission = CompletableFuture.completedFuture(null);   // guarded by turn
    private volatile boolean closed;

    RemoteTrainingClient(RemoteServiceClient service, String modelId, String baseModel) {
        this.service = service;
        this.modelId = modelId;
        this.baseModel = baseModel;
    }

    /** The model's id on the server (its run id there). */
    String modelId() {
        return modelId;
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forward(List<Datum> data, LossFn lossFn, Map<String, Double> lossFnConfig) {
        return pass(data, lossFn, lossFnConfig, true);
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackward(List<Datum> data, LossFn lossFn, Map<String, Double> lossFnConfig) {
        return pass(data, lossFn, lossFnConfig, false);
    }

    private CompletableFuture<ForwardBackwardOutput> pass(List<Datum> data, LossFn lossFn, Map<String, Double> config,
                                                          boolean forwardOnly) {
        checkArguments(data, lossFn, config);
        List<List<Datum>> chunks = ForwardBackwardChunks.split(data, service.session().maxChunkDatums());
        List<CompletableFuture<ForwardBackwardOutput>> parts = new ArrayList<>();
        synchronized (turn) {
            for (List<Datum> chunk : chunks) {
                parts.add(ordered(seq -> CompletableFuture.completedFuture(passCall(seq, chunk, lossFn, config, forwardOnly)))
                        .thenApply(RemoteTrainingClient::forwardBackwardOutput));
            }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> ForwardBackwardChunks.join(parts.stream().map(CompletableFuture::join).toList()));
    }

    private static void checkArguments(List<Datum> data, LossFn lossFn, Map<String, Double> config) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data must hold at least one Datum, was " + (data == null ? "null" : "empty"));
        }
        Objects.requireNonNull(lossFn, "lossFn");
        Objects.requireNonNull(config, "lossFnConfig");
        for (int i = 0; i < data.size(); i++) {
            Objects.requireNonNull(data.get(i), "data[" + i + "]");
        }
    }

    private Connection.Call passCall(int seq, List<Datum> data, LossFn lossFn, Map<String, Double> config, boolean forwardOnly) {
        TinkerPublic.ForwardBackwardRequest.Builder request = TinkerPublic.ForwardBackwardRequest.newBuilder()
                .setModelId(modelId).setSeqId(seq).setLossFn(lossFn.wireName()).putAllLossFnConfig(config)
                .setForwardOnly(forwardOnly);
        for (Datum d : data) {
            request.addData(DatumProto.encode(d));
        }
        byte[] body = request.build().toByteArray();
        boolean zstd = service.session().compressForwardBackward();
        return new Connection.Call("POST", "forward_backward", zstd ? ZstdBodies.compress(body) : body, Connection.PROTO,
                zstd ? "zstd" : null, Connection.JSON);
    }

    static ForwardBackwardOutput forwardBackwardOutput(Connection.Answer answer) {
        if (!answer.isProto()) {
            return JsonOutputs.forwardBackward(answer.json(TrainingMessages.ForwardBackwardOutputJson.class));
        }
        try {
            return ForwardBackwardProto.decode(TinkerPublic.ForwardBackwardOutput.parseFrom(answer.body()));
        } catch (InvalidProtocolBufferException | WireFormatException e) {
            throw new RemoteRequestException("the engine sent a forward_backward result that is not a valid ForwardBackwardOutput: "
                    + e.getMessage(), "server", answer.status(), e);
        }
    }

    @Override
    public CompletableFuture<ForwardBackwardOutput> forwardBackwardCustom(List<Datum> data, CustomLossFn lossFn) {
        Objects.requireNonNull(lossFn, "lossFn");
        List<Datum> weighted = CustomLossInputs.withZeroWeights(data);
        if (weighted.size() > service.session().maxChunkDatums()) {
            throw new IllegalArgumentException("forwardBackwardCustom over the wire takes at most "
                    + service.session().maxChunkDatums() + " datums per call, was " + weighted.size());
        }
        CompletableFuture<ForwardBackwardOutput> forward;
        CompletableFuture<ForwardBackwardOutput> backward;
        CompletableFuture<CustomLossGradients.Surrogate> gradients;
        synchronized (turn) {   // two consecutive seq_ids: the forward now, the surrogate once the gradients are known
            forward = ordered(seq -> CompletableFuture.completedFuture(passCall(seq, weighted, LossFn.CROSS_ENTROPY, Map.of(), true)))
                    .thenApply(RemoteTrainingClient::forwardBackwardOutput);
            gradients = forward.thenApply(out -> CustomLossGradients.of(data, weighted, out, lossFn));
            // if the forward or the caller's loss fails, the surrogate's seq_id still goes out (as an empty forward the
            // server refuses), so the requests after it are not left waiting for it
            backward = ordered(seq -> gradients.handle((g, error) -> error == null
                    ? passCall(seq, g.data(), LossFn.CROSS_ENTROPY, Map.of(), false)
                    : passCall(seq, List.of(), LossFn.CROSS_ENTROPY, Map.of(), true)))
                    .thenApply(RemoteTrainingClient::forwardBackwardOutput);
        }
        return gradients.thenCompose(g -> backward.thenApply(out -> {
            Map<String, Double> metrics = new HashMap<>(g.metrics());
            metrics.put("surrogate_loss:sum", out.metrics().getOrDefault("loss:sum", Double.NaN));
            metrics.put("loss:sum", g.loss());
            return new ForwardBackwardOutput(out.lossFnOutputType(), out.lossFnOutputs(), metrics);
        }));
    }

    @Override
    public CompletableFuture<OptimStepResponse> optimStep(AdamParams params) {
        Objects.requireNonNull(params, "params");
        TrainingMessages.AdamParamsJson adam = new TrainingMessages.AdamParamsJson(params.learningRate(), params.beta1(),
                params.beta2(), params.eps(), params.weightDecay(), params.gradClipNorm());
        return orderedJson(seq -> Connection.Call.json("POST", "optim_step",
                new TrainingMessages.OptimStepRequest(adam, modelId, seq, "optim_step")))
                .thenApply(a -> {
                    Map<String, Double> metrics = a.json(TrainingMessages.OptimStepResponse.class).metrics();
                    return new OptimStepResponse(metrics == null ? Map.of() : metrics);
                });
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveState(String name, Duration ttl, boolean overwrite) {
        TinkerPath.requireValidName("checkpoint name", name);
        Long seconds = ttlSeconds(ttl);
        return orderedJson(seq -> Connection.Call.json("POST", "save_weights",
                new TrainingMessages.SaveWeightsRequest(modelId, name, seq, overwrite, seconds, "save_weights")))
                .thenApply(a -> new SaveWeightsResponse(a.json(TrainingMessages.SaveWeightsResponse.class).path()));
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadState(String path) {
        return load(path, false);
    }

    @Override
    public CompletableFuture<LoadWeightsResponse> loadStateWithOptimizer(String path) {
        TinkerPath tinker = requireTinkerPath(path);
        if (tinker.kind() != TinkerPath.Kind.WEIGHTS) {
            throw new IllegalArgumentException(path + " is a sampler checkpoint (adapter only); the optimizer state lives in "
                    + "tinker://<run-id>/weights/<name> checkpoints saved with saveState");
        }
        return load(path, true);
    }

    private CompletableFuture<LoadWeightsResponse> load(String path, boolean optimizer) {
        requireTinkerPath(path);
        return orderedJson(seq -> Connection.Call.json("POST", "load_weights", new TrainingMessages.LoadWeightsRequest(modelId,
                seq, path, optimizer, null, null, null, null, null, "load_weights")))
                .thenApply(a -> {
                    TrainingMessages.LoadWeightsResponse r = a.json(TrainingMessages.LoadWeightsResponse.class);
                    return new LoadWeightsResponse(r.path() == null ? path : r.path(), r.modelId() == null ? modelId : r.modelId());
                });
    }

    private static TinkerPath requireTinkerPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!TinkerPath.isTinkerPath(path)) {
            throw new IllegalArgumentException("'" + path + "' is a folder on this machine; a remote engine loads tinker:// "
                    + "checkpoints only (save one there, or load the folder with ServiceClient.local)");
        }
        return TinkerPath.parse(path);
    }

    @Override
    public CompletableFuture<SaveWeightsResponse> saveWeightsForSampler(String name, Duration ttl) {
        TinkerPath.requireValidName("checkpoint name", name);
        Long seconds = ttlSeconds(ttl);
        return orderedJson(seq -> Connection.Call.json("POST", "save_weights_for_sampler",
                new TrainingMessages.SaveWeightsForSamplerRequest(modelId, name, seq, null, seconds, "save_weights_for_sampler")))
                .thenApply(a -> new SaveWeightsResponse(a.json(TrainingMessages.SaveWeightsForSamplerResponse.class).path()));
    }

    @Override
    public CompletableFuture<SamplingClient> saveWeightsAndGetSamplingClient() {
        int samplerSeq = service.session().nextSamplerSeq();
        return orderedJson(seq -> Connection.Call.json("POST", "save_weights_for_sampler",
                new TrainingMessages.SaveWeightsForSamplerRequest(modelId, null, seq, samplerSeq, null, "save_weights_for_sampler")))
                .thenApply(a -> {
                    String id = a.json(TrainingMessages.SaveWeightsForSamplerResponse.class).samplingSessionId();
                    if (id == null) {
                        throw new RemoteRequestException("the engine saved the weights for sampling but named no sampling session",
                                "server", a.status());
                    }
                    return service.sampler(id);
                });
    }

    @Override
    public SamplingClient createSamplingClient(String path) {
        return service.createSamplingClient(path);
    }

    @Override
    public CompletableFuture<GetInfoResponse> getInfo() {
        checkOpen();
        return service.connection().send(Connection.Call.json("POST", "get_info", new TrainingMessages.GetInfoRequest(modelId,
                "get_info"))).thenApply(a -> {
                    TrainingMessages.GetInfoResponse r = a.json(TrainingMessages.GetInfoResponse.class);
                    TrainingMessages.ModelData d = r.modelData();
                    String name = r.modelName() != null ? r.modelName() : d == null ? baseModel : d.modelName();
                    boolean lora = r.isLora() == null || r.isLora();
                    return new GetInfoResponse(r.modelId(), name, d == null ? null : d.arch(), lora, lora ? r.loraRank() : null,
                            d == null ? null : d.tokenizerId());
                });
    }

    @Override
    public Tokenizer getTokenizer() {
        GetInfoResponse info = RemoteServiceClient.join(getInfo());
        return service.tokenizers().forModel(info.tokenizerId() != null ? info.tokenizerId() : baseModel);
    }

    /**
     * Asks the server to free the model (unload_model, sent once, waited for at most {@value #CLOSE_WAIT_SECONDS} s); a
     * server that cannot be reached is not an error here: it frees the model when the session times out.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            service.connection().once(Connection.Call.json("POST", "unload_model", new TrainingMessages.UnloadModelRequest(modelId,
                    "unload_model")), "whetstone-unload-" + modelId, 0).get(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RemoteTrainingClient.class).debug("unloading {} failed", modelId, e);
        }
    }

    private CompletableFuture<Connection.Answer> orderedJson(IntFunction<Connection.Call> call) {
        synchronized (turn) {
            return ordered(seq -> CompletableFuture.completedFuture(call.apply(seq)));
        }
    }

    /**
     * Takes the next seq_id (caller holds {@link #turn}), submits the call once it is built and the previous call has been
     * submitted, and polls its result.
     */
    private CompletableFuture<Connection.Answer> ordered(IntFunction<CompletableFuture<Connection.Call>> build) {
        checkOpen();
        int seq = nextSeq++;
        CompletableFuture<Connection.Call> call = build.apply(seq);
        // a request whose predecessor could not be submitted is not sent: the server would hold it forever, waiting
        // for the missing seq_id
        CompletableFuture<String> submitted = lastSubmission.handle((ignored, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw new RemoteRequestException("not sent: an earlier request of " + modelId + " could not be submitted ("
                                + cause.getMessage() + ")", "unknown", 0, cause);
                    }
                    return null;
                })
                .thenCompose(ignored -> call)
                .thenCompose(c -> service.connection().send(c))
                .thenApply(a -> {
                    String id = a.json(FutureMessages.UntypedApiFuture.class).requestId();
                    if (id == null) {
                        throw new RemoteRequestException("the engine answered without a request_id: " + a.preview(), "server",
                                a.status());
                    }
                    return id;
                });
        lastSubmission = submitted;
        return submitted.thenCompose(id -> service.poller().result(id, true));
    }

    private static Long ttlSeconds(Duration ttl) {
        if (ttl == null) {
            return null;
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive or null (never expires), was " + ttl);
        }
        return Math.max(1, ttl.toSeconds());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TrainingClient (" + modelId + ") is closed; create a new one");
        }
    }
}
