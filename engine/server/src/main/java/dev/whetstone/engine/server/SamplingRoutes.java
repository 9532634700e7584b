package dev.whetstone.engine.server;

import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.checkpoint.CheckpointRecord;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.wire.json.FutureMessages;
import dev.whetstone.engine.wire.json.SamplingMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sampling calls: sampling sessions (on a base model, a {@code tinker://} sampler checkpoint, or an ephemeral
 * snapshot of a training model), asample (compute_logprobs is an asample with prompt logprobs) and
 * {@code samplers/{id}}. Newer SDKs' fields are accepted; {@code prompt_logprobs_last_n} is honoured, and the ones
 * this engine cannot compute are refused by name when a non-default value is asked for.
 */
final class SamplingRoutes {
    private final EngineHost host;
    /** Samplers for asample calls that name a model instead of a session, by what they sample. */
    private final Map<String, ServedSampler> direct = new ConcurrentHashMap<>();

    SamplingRoutes(EngineHost host) {
        this.host = host;
    }

    void register(Router router) {
        router.add("POST", "create_sampling_session", Route.now(this::createSamplingSession))
                .add("POST", "asample", Route.now(this::asample))
                .add("GET", "samplers/*", Route.now(this::getSampler));
    }

    private Reply createSamplingSession(HttpCall call) {
        SamplingMessages.CreateSamplingSessionRequest req = call.json(SamplingMessages.CreateSamplingSessionRequest.class);
        Session session = host.session(req.sessionId());
        String target = target(req.modelPath(), req.baseModel());
        String baseModel = baseModelOf(target);
        Integer seq = req.samplingSessionSeqId();
        String id = seq == null ? open(session, -1 - session.samplerIds().size(), target, baseModel)
                : session.samplerIds().computeIfAbsent(seq, n -> open(session, n, target, baseModel));
        return Reply.json(new SamplingMessages.CreateSamplingSessionResponse("create_sampling_session", id));
    }

    private String open(Session session, int seq, String target, String baseModel) {
        String id = session.id() + ":sample:" + seq;
        host.addSampler(new ServedSampler(id, session.id(), host.engine().createSamplingClientAsync(target), baseModel,
                TinkerPath.isTinkerPath(target) ? target : null));
        return id;
    }

    /** Registers the ephemeral sampler of a training model's snapshot (save_weights_for_sampler without a path). */
    String ephemeral(ServedModel model, int samplingSessionSeqId, CompletableFuture<SamplingClient> snapshot) {
        Session session = host.session(model.sessionId());
        return session.samplerIds().computeIfAbsent(samplingSessionSeqId, n -> {
            String id = session.id() + ":sample:" + n;
            host.addSampler(new ServedSampler(id, session.id(), snapshot, model.baseModel(), null));
            return id;
        });
    }

    /** What to sample: a checked {@code tinker://} path, or a base model the engine can find. */
    private String target(String modelPath, String baseModel) {
        if (modelPath != null) {
            try {
                host.records().record(TinkerPath.parse(modelPath));
            } catch (CheckpointNotFoundException e) {
                throw HttpError.notFound(e.getMessage());
            }
            return modelPath;
        }
        if (baseModel == null || baseModel.isBlank()) {
            throw HttpError.badRequest("give model_path (a tinker:// sampler checkpoint) or base_model (e.g. \"Qwen/Qwen3-0.6B\")");
        }
        ModelLocator.resolve(baseModel, host.home());   // a missing model fails here, with the download command
        return baseModel;
    }

    private String baseModelOf(String target) {
        if (!TinkerPath.isTinkerPath(target)) {
            return target;
        }
        CheckpointRecord record = host.records().record(TinkerPath.parse(target));
        return record.baseModel();
    }

    private Reply asample(HttpCall call) {
        SamplingMessages.SampleRequest req = call.json(SamplingMessages.SampleRequest.class);
        ServedSampler sampler = req.samplingSessionId() != null ? host.sampler(req.samplingSessionId())
                : direct.computeIfAbsent(target(req.modelPath(), req.baseModel()), t -> new ServedSampler("direct:" + t, null,
                        host.engine().createSamplingClientAsync(t), baseModelOf(t), TinkerPath.isTinkerPath(t) ? t : null));
        SampleCall sample = SampleCall.of(req);
        java.util.function.Function<Integer, String> start = seq -> {
            host.results().requireCapacity();
            return host.results().add(sampler.client().thenCompose(client -> client.sample(sample.prompt(), sample.numSamples(),
                    sample.params(), sample.promptLogprobs(), sample.topk())).thenApply(r -> new Result.Sample(sample.masked(r))));
        };
        String id = req.seqId() == null ? start.apply(null) : sampler.requestIds().computeIfAbsent(req.seqId(), start);
        return Reply.json(new FutureMessages.UntypedApiFuture(id, null));
    }

    private Reply getSampler(HttpCall call) {
        ServedSampler sampler = host.sampler(call.segments().get(1));
        return Reply.json(new SamplingMessages.GetSamplerResponse(sampler.samplerId(), sampler.baseModel(), sampler.modelPath()));
    }

    /** One asample request, checked and mapped onto the engine's sampling parameters. */
    record SampleCall(ModelInput prompt, int numSamples, SamplingParams params, boolean promptLogprobs, int topk, Integer lastN) {

        static SampleCall of(SamplingMessages.SampleRequest req) {
            ModelInput prompt = JsonDatums.modelInput(req.prompt(), "prompt");
            int n = req.numSamples() == null ? 1 : req.numSamples();
            if (n < 1) {
                throw HttpError.badRequest("num_samples must be >= 1, was " + n);
            }
            refuseNonDefault("topk_sample_logprobs", req.topkSampleLogprobs());
            refuseNonDefault("prompt_alt_tokens_k", req.promptAltTokensK());
            if (req.targetPromptLogprobs() != null) {
                throw HttpError.badRequest("target_prompt_logprobs is not supported by this engine; leave it out");
            }
            boolean promptLogprobs = Boolean.TRUE.equals(req.promptLogprobs());
            int topk = req.topkPromptLogprobs() == null ? 0 : req.topkPromptLogprobs();
            if (topk < 0) {
                throw HttpError.badRequest("topk_prompt_logprobs must be >= 0, was " + topk);
            }
            Integer lastN = req.promptLogprobsLastN();
            if (lastN != null) {
                if (!promptLogprobs) {
                    throw HttpError.badRequest("prompt_logprobs_last_n requires prompt_logprobs: true");
                }
                if (lastN < 1 || lastN > prompt.length() - 1) {
                    throw HttpError.badRequest("prompt_logprobs_last_n must be between 1 and len(prompt) - 1 = "
                            + (prompt.length() - 1) + ", was " + lastN);
                }
            }
            return new SampleCall(prompt, n, params(req.samplingParams()), promptLogprobs, topk, lastN);
        }

        private static void refuseNonDefault(String name, Integer value) {
            if (value != null && value != 0) {
                throw HttpError.badRequest(name + " = " + value + " is not supported by this engine yet; send 0 or leave it out");
            }
        }

        static SamplingParams params(SamplingMessages.SamplingParamsJson json) {
            SamplingParams p = SamplingParams.defaults();
            if (json == null) {
                return p;
            }
            double temperature = json.temperature() == null ? 1.0 : json.temperature();
            int topK = json.topK() == null ? -1 : json.topK();
            if (temperature == 0.0) {   // greedy, as vLLM and Tinker read temperature 0
                temperature = 1.0;
                topK = 1;
            }
            p = p.withMaxTokens(json.maxTokens()).withTemperature(temperature).withTopK(topK)
                    .withTopP(json.topP() == null ? 1.0 : json.topP()).withSeed(json.seed());
            Object stop = json.stop();
            if (stop instanceof String s) {
                p = p.withStopStrings(List.of(s));
            } else if (stop instanceof List<?> list && !list.isEmpty()) {
                if (list.stream().allMatch(x -> x instanceof String)) {
                    p = p.withStopStrings(list.stream().map(String.class::cast).toList());
                } else if (list.stream().allMatch(x -> x instanceof Number)) {
                    p = p.withStopTokens(list.stream().map(x -> ((Number) x).intValue()).toList());
                } else {
                    throw HttpError.badRequest("sampling_params.stop must be a string, a list of strings or a list of token ids");
                }
            } else if (stop != null && !(stop instanceof List<?>)) {
                throw HttpError.badRequest("sampling_params.stop must be a string, a list of strings or a list of token ids");
            }
            return p;
        }

        /** The response with prompt scores before the last {@code lastN} positions removed (NaN on the wire). */
        SampleResponse masked(SampleResponse r) {
            if (lastN == null || r.promptLogprobs() == null) {
                return r;
            }
            SampleResponse base = r;
            int first = prompt.length() - lastN;
            List<Double> logprobs = new ArrayList<>(base.promptLogprobs());
            List<List<TokenLogprob>> topkRows = base.topkPromptLogprobs() == null ? null : new ArrayList<>(base.topkPromptLogprobs());
            for (int i = 0; i < first; i++) {
                logprobs.set(i, null);
                if (topkRows != null) {
                    topkRows.set(i, null);
                }
            }
            return new SampleResponse(base.sequences(), logprobs, topkRows);
        }
    }
}
