package dev.whetstone.engine.wire.json;

import java.util.List;

/** The JSON bodies of sampling calls: sampling sessions, asample, samplers. */
public final class SamplingMessages {
    private SamplingMessages() {
    }

    /** {@code POST /create_sampling_session}: a sampler on a {@code tinker://} path or a base model. */
    public record CreateSamplingSessionRequest(String sessionId, Integer samplingSessionSeqId, String baseModel,
                                               String modelPath, String type) {
    }

    /** The answer to create_sampling_session. */
    public record CreateSamplingSessionResponse(String type, String samplingSessionId) {
    }

    /** Sampling parameters; {@code stop} is a string, a list of strings or a list of token ids. */
    public record SamplingParamsJson(Integer maxTokens, Long seed, Object stop, Double temperature, Integer topK,
                                     Double topP) {
    }

    /**
     * {@code POST /asample} (future). The last four fields come from newer SDKs (0.33+); they are accepted, and
     * refused with a message naming them only when a value this engine cannot honour is asked for.
     */
    public record SampleRequest(Integer numSamples, TrainingMessages.ModelInputJson prompt, SamplingParamsJson samplingParams,
                                String baseModel, String modelPath, String samplingSessionId, Integer seqId,
                                Boolean promptLogprobs, Integer topkPromptLogprobs, String type,
                                Integer topkSampleLogprobs, Integer promptAltTokensK, Integer promptLogprobsLastN,
                                Object targetPromptLogprobs) {
    }

    /** One sequence in the JSON form of a sample result. */
    public record SampledSequenceJson(String stopReason, List<Integer> tokens, List<Double> logprobs) {
    }

    /** The JSON form of a sample result, for clients that do not accept protobuf. */
    public record SampleResponseJson(List<SampledSequenceJson> sequences, String type, List<Double> promptLogprobs,
                                     List<List<List<Number>>> topkPromptLogprobs) {
    }

    /** {@code GET /samplers/{id}}. */
    public record GetSamplerResponse(String samplerId, String baseModel, String modelPath) {
    }
}
