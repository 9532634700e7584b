package dev.whetstone.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.GetInfoResponse;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.CheckpointRecord;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.wire.DatumProto;
import dev.whetstone.engine.wire.WhetstoneExtensions;
import dev.whetstone.engine.wire.json.FutureMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import dev.whetstone.engine.wire.json.WireJson;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The training calls: create_model, get_info, forward / forward_backward (protobuf, or JSON from older SDKs),
 * optim_step, the saves and loads, weights_info and unload_model. Every ordered call goes through the model's
 * {@link Sequencer}; one that cannot be parsed after its seq_id is known still takes its turn, and fails its future
 * (so later requests never wait for it).
 */
final class TrainingRoutes {
    private final EngineHost host;
    private final SamplingRoutes sampling;

    TrainingRoutes(EngineHost host, SamplingRoutes sampling) {
        this.host = host;
        this.sampling = sampling;
    }

    void register(Router router) {
        router.add("POST", "create_model", Route.now(this::createModel))
                .add("POST", "get_info", Route.now(this::getInfo))
                .add("POST", "forward_backward", Route.now(this::forwardBackward))
                .add("POST", "forward", Route.now(this::forwardJson))
                .add("POST", "optim_step", Route.now(this::optimStep))
                .add("POST", "save_weights", Route.now(this::saveWeights))
                .add("POST", "save_weights_for_sampler", Route.now(this::saveWeightsForSampler))
                .add("POST", "load_weights", Route.now(this::loadWeights))
                .add("POST", "weights_info", Route.now(this::weightsInfo))
                .add("POST", "unload_model", Route.now(this::unloadModel));
    }

    private Reply createModel(HttpCall call) {
        TrainingMessages.CreateModelRequest req = call.json(TrainingMessages.CreateModelRequest.class);
        Session session = host.session(req.sessionId());
        if (req.baseModel() == null || req.baseModel().isBlank()) {
            throw HttpError.badRequest("create_model needs base_model, e.g. \"Qwen/Qwen3-0.6B\" or a model folder");
        }
        LoraConfig lora = lora(req.loraConfig());
        Map<String, Object> metadata = req.userMetadata() == null ? Map.of() : Map.copyOf(req.userMetadata());
        Supplier<String> start = () -> {
            host.results().requireCapacity();
            return host.results().add(create(req.baseModel(), lora, metadata).thenApply(client -> {
                GetInfoResponse info = client.getInfo().join();
                host.addModel(new ServedModel(info.modelId(), session.id(), client, req.baseModel(), metadata, new Sequencer()));
                RunUserMetadata.write(host.home(), info.modelId(), metadata);
                return new Result.Json(new TrainingMessages.CreateModelResponse(info.modelId(), "create_model"));
            }));
        };
        String requestId = req.modelSeqId() == null ? start.get()
                : session.modelRequests().computeIfAbsent(req.modelSeqId(), seq -> start.get());
        return Reply.json(new FutureMessages.UntypedApiFuture(requestId, null));
    }

    /**
     * A LoRA client, or (Whetstone's extension, in user_metadata) a full fine-tuning client and a chosen run id; a
     * given run id is checked here so that a bad one fails the request, not the server.
     */
    private CompletableFuture<TrainingClient> create(String baseModel, LoraConfig lora, Map<String, Object> metadata) {
        Object runId = metadata.get(WhetstoneExtensions.RUN_ID);
        boolean full = "true".equals(String.valueOf(metadata.get(WhetstoneExtensions.FULL_FINE_TUNING)));
        if (runId == null && !full) {
            return host.engine().createLoraTrainingClientAsync(baseModel, lora);
        }
        String id = runId == null ? null : TinkerPath.requireValidName("user_metadata." + WhetstoneExtensions.RUN_ID,
                String.valueOf(runId));
        return CompletableFuture.supplyAsync(() -> full ? host.engine().createFullTrainingClient(baseModel, id)
                : host.engine().createLoraTrainingClient(baseModel, lora, id), host.background());
    }

    private static LoraConfig lora(TrainingMessages.LoraConfigJson json) {
        if (json == null) {
            return LoraConfig.defaults();
        }
        return new LoraConfig(json.rank(), LoraConfig.DEFAULT_ALPHA, json.seed(), json.trainAttn() == null || json.trainAttn(),
                json.trainMlp() == null || json.trainMlp(), json.trainUnembed() == null || json.trainUnembed());
    }

    private Reply getInfo(HttpCall call) {
        ServedModel model = host.model(call.json(TrainingMessages.GetInfoRequest.class).modelId());
        GetInfoResponse info = model.client().getInfo().join();
        return Reply.json(new TrainingMessages.GetInfoResponse("get_info", model.modelId(),
                new TrainingMessages.ModelData(info.arch(), info.modelName(), info.tokenizerId()), info.isLora(), info.loraRank(),
                info.modelName()));
    }

    private Reply forwardBackward(HttpCall call) {
        String type = call.header("content-type");
        if (type == null || !type.contains(Reply.PROTO)) {
            return forwardJson(call);
        }
        TinkerPublic.ForwardBackwardRequest req;
        try {
            req = TinkerPublic.ForwardBackwardRequest.parseFrom(call.body());
        } catch (InvalidProtocolBufferException e) {
            throw HttpError.badRequest("the body is not a ForwardBackwardRequest protobuf (" + e.getMessage()
                    + "); send Content-Type: application/x-protobuf with the SDK's tinker_public schema");
        }
        ServedModel model = host.model(req.getModelId());
        Integer seq = req.getSeqId() == 0 ? null : req.getSeqId();
        return sequenced(model, seq, () -> {
            List<Datum> data = new ArrayList<>(req.getDataCount());
            for (int i = 0; i < req.getDataCount(); i++) {
                data.add(DatumProto.decode(req.getData(i), "data[" + i + "]"));
            }
            return pass(model.client(), data, req.getLossFn(), Map.copyOf(req.getLossFnConfigMap()), req.getForwardOnly());
        });
    }

    /** forward_backward and forward in the JSON form of SDKs before 0.25. */
    private Reply forwardJson(HttpCall call) {
        TrainingMessages.ForwardBackwardJsonRequest req = call.json(TrainingMessages.ForwardBackwardJsonRequest.class);
        ServedModel model = host.model(req.modelId());
        boolean forwardOnly = call.segments().get(0).equals("forward");
        TrainingMessages.ForwardBackwardInputJson input = forwardOnly ? req.forwardInput() : req.forwardBackwardInput();
        return sequenced(model, req.seqId(), () -> {
            if (input == null) {
                throw new IllegalArgumentException("the body needs " + (forwardOnly ? "forward_input" : "forward_backward_input")
                        + " with data and loss_fn");
            }
            List<Datum> data = new ArrayList<>();
            for (int i = 0; i < (input.data() == null ? 0 : input.data().size()); i++) {
                data.add(JsonDatums.decode(input.data().get(i), "data[" + i + "]"));
            }
            return pass(model.client(), data, input.lossFn(), JsonDatums.lossConfig(input.lossFnConfig()), forwardOnly);
        });
    }

    private static CompletableFuture<Result> pass(TrainingClient client, List<Datum> data, String lossFn,
                                                  Map<String, Double> config, boolean forwardOnly) {
        LossFn fn = LossFn.fromWireName(lossFn);
        CompletableFuture<ForwardBackwardOutput> out = forwardOnly ? client.forward(data, fn, config)
                : client.forwardBackward(data, fn, config);
        return out.thenApply(Result.ForwardBackward::new);
    }

    private Reply optimStep(HttpCall call) {
        JsonNode tree = tree(call);
        TrainingMessages.OptimStepRequest req = call.json(TrainingMessages.OptimStepRequest.class);
        ServedModel model = host.model(req.modelId());
        return sequenced(model, req.seqId(), () -> {
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.endsWith("_params") && !name.equals("adam_params")) {
                    throw new IllegalArgumentException("optim_step has " + name + ": this engine implements AdamW (Tinker's "
                            + "optimizer) only; send adam_params");
                }
            }
            if (req.adamParams() == null) {
                throw new IllegalArgumentException("optim_step needs adam_params (learning_rate, beta1, beta2, eps, weight_decay, "
                        + "grad_clip_norm); this engine implements AdamW only");
            }
            return model.client().optimStep(adam(req.adamParams()))
                    .thenApply(r -> new Result.Json(new TrainingMessages.OptimStepResponse(r.metrics())));
        });
    }

    private static AdamParams adam(TrainingMessages.AdamParamsJson json) {
        AdamParams d = AdamParams.defaults();
        return new AdamParams(or(json.learningRate(), d.learningRate()), or(json.beta1(), d.beta1()), or(json.beta2(), d.beta2()),
                or(json.eps(), d.eps()), or(json.weightDecay(), d.weightDecay()), or(json.gradClipNorm(), d.gradClipNorm()));
    }

    private Reply saveWeights(HttpCall call) {
        TrainingMessages.SaveWeightsRequest req = call.json(TrainingMessages.SaveWeightsRequest.class);
        ServedModel model = host.model(req.modelId());
        return sequenced(model, req.seqId(), () -> model.client()
                .saveState(req.path(), ttl(req.ttlSeconds()), Boolean.TRUE.equals(req.overwrite()))
                .thenApply(r -> new Result.Json(new TrainingMessages.SaveWeightsResponse(r.path(), "save_weights"))));
    }

    private Reply saveWeightsForSampler(HttpCall call) {
        TrainingMessages.SaveWeightsForSamplerRequest req = call.json(TrainingMessages.SaveWeightsForSamplerRequest.class);
        ServedModel model = host.model(req.modelId());
        return sequenced(model, req.seqId(), () -> {
            if (req.path() != null) {
                return model.client().saveWeightsForSampler(req.path(), ttl(req.ttlSeconds())).thenApply(r -> new Result.Json(
                        new TrainingMessages.SaveWeightsForSamplerResponse(r.path(), null, "save_weights_for_sampler")));
            }
            if (req.samplingSessionSeqId() == null) {
                throw new IllegalArgumentException("save_weights_for_sampler needs a path (a named checkpoint) or "
                        + "sampling_session_seq_id (an ephemeral sampler)");
            }
            String samplerId = sampling.ephemeral(model, req.samplingSessionSeqId(), model.client().saveWeightsAndGetSamplingClient());
            return CompletableFuture.completedFuture(new Result.Json(
                    new TrainingMessages.SaveWeightsForSamplerResponse(null, samplerId, "save_weights_for_sampler")));
        });
    }

    private Reply loadWeights(HttpCall call) {
        TrainingMessages.LoadWeightsRequest req = call.json(TrainingMessages.LoadWeightsRequest.class);
        if (req.modelId() == null) {
            throw HttpError.badRequest("load_weights needs model_id: this server has create_model_via_load_weights off, so "
                    + "create the model first (the SDK does when client/config says so)");
        }
        ServedModel model = host.model(req.modelId());
        return sequenced(model, req.seqId(), () -> {
            if (req.path() == null) {
                throw new IllegalArgumentException("load_weights needs path, a tinker:// checkpoint");
            }
            var loaded = Boolean.TRUE.equals(req.optimizer()) ? model.client().loadStateWithOptimizer(req.path())
                    : model.client().loadState(req.path());
            return loaded.thenApply(r -> new Result.Json(new TrainingMessages.LoadWeightsResponse(r.path(), model.modelId(),
                    "load_weights")));
        });
    }

    private Reply weightsInfo(HttpCall call) {
        String path = call.json(TrainingMessages.WeightsInfoRequest.class).tinkerPath();
        CheckpointRecord record;
        try {
            record = host.records().record(TinkerPath.parse(path));
        } catch (CheckpointNotFoundException e) {
            throw HttpError.notFound(e.getMessage());
        }
        LoraConfig lora = record.lora();
        return Reply.json(new TrainingMessages.WeightsInfoResponse(record.baseModel(), lora != null,
                lora == null ? null : lora.rank(), lora == null ? null : lora.trainUnembed(), lora == null ? null : lora.trainMlp(),
                lora == null ? null : lora.trainAttn()));
    }

    private Reply unloadModel(HttpCall call) {
        String modelId = call.json(TrainingMessages.UnloadModelRequest.class).modelId();
        ServedModel model = host.model(modelId);
        host.removeModel(modelId);
        CompletableFuture<Result> closed = CompletableFuture.supplyAsync(() -> {
            model.client().close();
            return new Result.Json(new TrainingMessages.UnloadModelResponse(modelId, "unload_model"));
        }, host.background());
        return Reply.json(new FutureMessages.UntypedApiFuture(host.results().add(closed), modelId));
    }

    /**
     * Admits an ordered call: its future's id at once, and {@code work} (parsing included) when its seq_id's turn
     * comes. Whatever {@code work} throws fails that future only.
     */
    private Reply sequenced(ServedModel model, Integer seqId, Supplier<CompletableFuture<Result>> work) {
        String requestId = model.sequencer().submit(seqId, () -> {
            host.results().requireCapacity();
            CompletableFuture<Result> result = new CompletableFuture<>();
            String id = host.results().add(result);
            return new Sequencer.Admitted(id, () -> {
                try {
                    work.get().whenComplete((r, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(r);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        });
        return Reply.json(new FutureMessages.UntypedApiFuture(requestId, model.modelId()));
    }

    private static JsonNode tree(HttpCall call) {
        try {
            return WireJson.MAPPER.readTree(call.body());
        } catch (IOException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static Duration ttl(Long seconds) {
        if (seconds == null) {
            return null;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("ttl_seconds must be > 0 (or absent for never), was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
