package dev.whetstone.engine.wire.json;

import java.util.List;
import java.util.Map;

/** The JSON bodies of training calls: create_model, get_info, optim_step, saves, loads, weights_info. */
public final class TrainingMessages {
    private TrainingMessages() {
    }

    /** The adapter shape the SDK sends; Tinker fixes alpha at 32. */
    public record LoraConfigJson(int rank, Long seed, Boolean trainUnembed, Boolean trainMlp, Boolean trainAttn) {
    }

    /** {@code POST /create_model} (future). */
    public record CreateModelRequest(String sessionId, Integer modelSeqId, String baseModel, Map<String, Object> userMetadata,
                                     LoraConfigJson loraConfig, String type) {
    }

    /** The result of create_model. */
    public record CreateModelResponse(String modelId, String type) {
    }

    /** {@code POST /get_info}. */
    public record GetInfoRequest(String modelId, String type) {
    }

    /** What get_info reports about the model. */
    public record ModelData(String arch, String modelName, String tokenizerId) {
    }

    /** The answer to get_info; {@code modelId} and {@code modelData} are required. */
    public record GetInfoResponse(String type, String modelId, ModelData modelData, Boolean isLora, Integer loraRank,
                                  String modelName) {
    }

    /** Adam's hyperparameters, with the SDK's defaults when a field is absent. */
    public record AdamParamsJson(Double learningRate, Double beta1, Double beta2, Double eps, Double weightDecay,
                                 Double gradClipNorm) {
    }

    /** {@code POST /optim_step} (future). */
    public record OptimStepRequest(AdamParamsJson adamParams, String modelId, Integer seqId, String type) {
    }

    /** The result of optim_step. */
    public record OptimStepResponse(Map<String, Double> metrics) {
    }

    /** {@code POST /save_weights} (future): training state (adapter + optimizer). */
    public record SaveWeightsRequest(String modelId, String path, Integer seqId, Boolean overwrite, Long ttlSeconds, String type) {
    }

    /** The result of save_weights. */
    public record SaveWeightsResponse(String path, String type) {
    }

    /**
     * {@code POST /save_weights_for_sampler} (future): named (a {@code path}) or ephemeral (a
     * {@code samplingSessionSeqId}, answered with a sampling session).
     */
    public record SaveWeightsForSamplerRequest(String modelId, String path, Integer seqId, Integer samplingSessionSeqId,
                                               Long ttlSeconds, String type) {
    }

    /** The result of save_weights_for_sampler: a path, or (ephemeral) a sampling session id. */
    public record SaveWeightsForSamplerResponse(String path, String samplingSessionId, String type) {
    }

    /** {@code POST /load_weights} (future). */
    public record LoadWeightsRequest(String modelId, Integer seqId, String path, Boolean optimizer, String sessionId,
                                     Integer modelSeqId, String baseModel, Map<String, Object> userMetadata,
                                     String weightsAccessToken, String type) {
    }

    /** The result of load_weights. */
    public record LoadWeightsResponse(String path, String modelId, String type) {
    }

    /** {@code POST /weights_info}. */
    public record WeightsInfoRequest(String tinkerPath) {
    }

    /** What a checkpoint was trained from, so a client can recreate its model before loading it. */
    public record WeightsInfoResponse(String baseModel, boolean isLora, Integer loraRank, Boolean trainUnembed,
                                      Boolean trainMlp, Boolean trainAttn) {
    }

    /** {@code POST /unload_model} (future). */
    public record UnloadModelRequest(String modelId, String type) {
    }

    /** The result of unload_model. */
    public record UnloadModelResponse(String modelId, String type) {
    }

    /** One datum in the JSON form of SDKs before 0.25. */
    public record DatumJson(ModelInputJson modelInput, Map<String, TensorJson> lossFnInputs) {
    }

    /** A model input: chunks, each {@code {"tokens": [...], "type": "encoded_text"}}. */
    public record ModelInputJson(List<ChunkJson> chunks) {
    }

    /** One chunk of a model input; only encoded text is run here. */
    public record ChunkJson(List<Integer> tokens, String type) {
    }

    /** A tensor in JSON: flat data, dtype ({@code int64} or {@code float32}), shape, optional CSR indices. */
    public record TensorJson(List<Double> data, String dtype, List<Long> shape, List<Long> sparseCrowIndices,
                             List<Long> sparseColIndices) {
    }

    /** The forward/backward input of the JSON form. */
    public record ForwardBackwardInputJson(List<DatumJson> data, String lossFn, Map<String, Object> lossFnConfig) {
    }

    /** {@code POST /forward_backward} (before 0.25) and {@code POST /forward} (before 0.19) as JSON. */
    public record ForwardBackwardJsonRequest(ForwardBackwardInputJson forwardBackwardInput, ForwardBackwardInputJson forwardInput,
                                             String modelId, Integer seqId) {
    }

    /** The JSON form of a forward/backward result, for clients that do not accept protobuf. */
    public record ForwardBackwardOutputJson(String lossFnOutputType, List<Map<String, TensorJson>> lossFnOutputs,
                                            Map<String, Double> metrics) {
    }
}
