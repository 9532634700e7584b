package dev.whetstone.engine.wire.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.wire.SampleProto;
import dev.whetstone.engine.wire.WireFormatException;
import dev.whetstone.engine.wire.json.SamplingMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SamplingClient} over the wire: one sampling session on the server; every sample is an {@code asample}
 * with the next seq_id (retries reuse it, so nothing is sampled twice), its result decoded from protobuf.
 */
final class RemoteSamplingClient implements SamplingClient {
    private final RemoteServiceClient service;
    private final String samplingSessionId;
    private final AtomicInteger seq = new AtomicInteger();

    RemoteSamplingClient(RemoteServiceClient service, String samplingSessionId) {
        this.service = service;
        this.samplingSessionId = samplingSessionId;
    }

    /** The sampling session's id on the server ({@code <session>:sample:<n>}). */
    String samplingSessionId() {
        return samplingSessionId;
    }

    @Override
    public CompletableFuture<SampleResponse> sample(ModelInput prompt, int numSamples, SamplingParams params,
                                                    boolean includePromptLogprobs, int topkPromptLogprobs) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(params, "params");
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, was " + numSamples);
        }
        if (topkPromptLogprobs < 0) {
            throw new IllegalArgumentException("topkPromptLogprobs must be >= 0, was " + topkPromptLogprobs);
        }
        SamplingMessages.SampleRequest request = new SamplingMessages.SampleRequest(numSamples, modelInput(prompt), json(params),
                null, null, samplingSessionId, seq.getAndIncrement(), includePromptLogprobs, topkPromptLogprobs, "sample",
                null, null, null, null);
        return service.poller().submit(Connection.Call.json("POST", "asample", request), true).thenApply(RemoteSamplingClient::decode);
    }

    static TrainingMessages.ModelInputJson modelInput(ModelInput prompt) {
        List<Integer> tokens = new ArrayList<>(prompt.length());
        for (int t : prompt.toInts()) {
            tokens.add(t);
        }
        return new TrainingMessages.ModelInputJson(List.of(new TrainingMessages.ChunkJson(tokens, "encoded_text")));
    }

    /** The wire's sampling parameters; Tinker carries stop strings or stop tokens (not both) and no ignore-EOS switch. */
    static SamplingMessages.SamplingParamsJson json(SamplingParams p) {
        if (p.ignoreEos()) {
            throw new IllegalArgumentException("ignoreEos is not part of Tinker's protocol; sample in process "
                    + "(ServiceClient.local) to keep sampling past EOS");
        }
        if (!p.stopStrings().isEmpty() && !p.stopTokens().isEmpty()) {
            throw new IllegalArgumentException("Tinker's protocol carries stop strings or stop tokens, not both; were "
                    + p.stopStrings() + " and " + p.stopTokens());
        }
        Object stop = !p.stopStrings().isEmpty() ? p.stopStrings() : !p.stopTokens().isEmpty() ? p.stopTokens() : null;
        return new SamplingMessages.SamplingParamsJson(p.maxTokens(), p.seed(), stop, p.temperature(), p.topK(), p.topP());
    }

    private static SampleResponse decode(Connection.Answer answer) {
        if (!answer.isProto()) {
            return JsonOutputs.sample(answer.json(SamplingMessages.SampleResponseJson.class));
        }
        try {
            return SampleProto.decode(TinkerPublic.SampleResponse.parseFrom(answer.body()));
        } catch (InvalidProtocolBufferException | WireFormatException e) {
            throw new RemoteRequestException("the engine sent a sampling result that is not a valid SampleResponse: "
                    + e.getMessage(), "server", answer.status(), e);
        }
    }

    @Override
    public CompletableFuture<List<Double>> computeLogprobs(ModelInput prompt) {
        return sample(prompt, 1, SamplingParams.defaults().withMaxTokens(1), true, 0).thenApply(SampleResponse::promptLogprobs);
    }

    @Override
    public Tokenizer getTokenizer() {
        SamplingMessages.GetSamplerResponse sampler = RemoteServiceClient.join(service.connection()
                .send(Connection.Call.get("samplers/" + samplingSessionId))).json(SamplingMessages.GetSamplerResponse.class);
        return service.tokenizers().forModel(sampler.baseModel());
    }
}
