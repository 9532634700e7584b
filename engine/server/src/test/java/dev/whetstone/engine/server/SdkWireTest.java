package dev.whetstone.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.wire.DatumProto;
import dev.whetstone.engine.wire.ForwardBackwardProto;
import dev.whetstone.engine.wire.RawArrays;
import dev.whetstone.engine.wire.SampleProto;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server answers requests built exactly as the Python SDK 0.25 builds them (JSON, and protobuf with zstd on
 * and off), and its answers decode with the SDK's schema; the numbers equal the in-process engine's.
 */
class SdkWireTest {
    static final Datum DATUM = new Datum(ModelInput.fromInts(33, 44, 92, 49, 15), Map.of(
            "target_tokens", TensorData.ofLongs(new long[] {44, 92, 49, 15, 63}),
            "weights", TensorData.ofFloats(new float[] {0, 1, 1, 1, 1})));

    @TempDir
    static Path home;
    static ServedEngine served;
    static SdkWire sdk;

    @BeforeAll
    static void serve() {
        served = new ServedEngine(home);
        sdk = served.sdk();
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void clientConfigKeepsTheSdkOnPlainHttpx() {
        JsonNode config = sdk.post("client/config", Map.of("sdk_version", SdkWire.SDK_VERSION)).json();

        assertThat(config.get("use_pyqwest_transport").asBoolean()).isFalse();
        assertThat(config.get("pjwt_auth_enabled").asBoolean()).isFalse();
        assertThat(config.get("create_model_via_load_weights").asBoolean()).isFalse();
        assertThat(sdk.post("telemetry", Map.of("events", List.of(), "platform", "Linux", "sdk_version", "0.25.0",
                "session_id", "x", "process_uuid", "y")).json().get("status").asText()).isEqualTo("accepted");
    }

    @Test
    void anSftStepOverTheWireEqualsTheSameStepInProcess() throws Exception {
        String model = createModel(session(), 0, 8, 11L);
        TinkerPublic.ForwardBackwardRequest fb = TinkerPublic.ForwardBackwardRequest.newBuilder().setModelId(model).setSeqId(1)
                .addData(DatumProto.encode(DATUM)).setLossFn("cross_entropy").setForwardOnly(false).build();

        SdkWire.Answer answer = sdk.result(SdkWire.requestId(sdk.postProto("forward_backward", fb.toByteArray(), true)), true);
        String step = SdkWire.requestId(sdk.post("optim_step", Map.of("adam_params", Map.of("learning_rate", 0.01, "beta1", 0.9,
                "beta2", 0.95, "eps", 1e-12, "weight_decay", 0.0, "grad_clip_norm", 0.0), "model_id", model, "seq_id", 2,
                "type", "optim_step")));
        JsonNode stepMetrics = sdk.result(step, false).json().get("metrics");
        TinkerPublic.ForwardBackwardRequest again = fb.toBuilder().setSeqId(3).setForwardOnly(true).build();
        SdkWire.Answer after = sdk.result(SdkWire.requestId(sdk.postProto("forward_backward", again.toByteArray(), false)), true);

        assertThat(answer.contentType()).startsWith("application/x-protobuf");
        ForwardBackwardOutput wire = ForwardBackwardProto.decode(TinkerPublic.ForwardBackwardOutput.parseFrom(answer.body()));
        ForwardBackwardOutput wireAfter = ForwardBackwardProto.decode(TinkerPublic.ForwardBackwardOutput.parseFrom(after.body()));
        try (TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(8).withSeed(11L))) {
            ForwardBackwardOutput expected = local.forwardBackward(List.of(DATUM), LossFn.CROSS_ENTROPY).join();
            var expectedStep = local.optimStep(AdamParams.defaults().withLearningRate(0.01)).join();
            ForwardBackwardOutput expectedAfter = local.forward(List.of(DATUM), LossFn.CROSS_ENTROPY).join();
            assertThat(wire).isEqualTo(expected);
            assertThat(stepMetrics.get("grad_norm:mean").asDouble()).isEqualTo(expectedStep.metrics().get("grad_norm:mean"));
            assertThat(wireAfter).isEqualTo(expectedAfter);
        }
        assertThat(wire.lossFnOutputs().get(0).get("logprobs").shape()).containsExactly(5);
    }

    @Test
    void chunksArriveFirstChunkLastAndRunInSeqOrder() throws Exception {
        String model = createModel(session(), 0, 4, 3L);
        TinkerPublic.ForwardBackwardRequest.Builder chunk = TinkerPublic.ForwardBackwardRequest.newBuilder().setModelId(model)
                .addData(DatumProto.encode(DATUM)).setLossFn("cross_entropy");
        // the SDK sends the chunks of one batch with the first chunk last; an optim_step follows
        String second = SdkWire.requestId(sdk.postProto("forward_backward", chunk.setSeqId(2).build().toByteArray(), false));
        String step = SdkWire.requestId(sdk.post("optim_step", Map.of("adam_params", Map.of("learning_rate", 0.01),
                "model_id", model, "seq_id", 3, "type", "optim_step")));
        String first = SdkWire.requestId(sdk.postProto("forward_backward", chunk.setSeqId(1).build().toByteArray(), false));

        ForwardBackwardOutput a = ForwardBackwardProto.decode(TinkerPublic.ForwardBackwardOutput.parseFrom(sdk.result(first, true).body()));
        ForwardBackwardOutput b = ForwardBackwardProto.decode(TinkerPublic.ForwardBackwardOutput.parseFrom(sdk.result(second, true).body()));
        JsonNode metrics = sdk.result(step, false).json().get("metrics");

        assertThat(a).isEqualTo(b);   // both chunks ran before the step
        try (TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(4).withSeed(3L))) {
            local.forwardBackward(List.of(DATUM), LossFn.CROSS_ENTROPY);
            local.forwardBackward(List.of(DATUM), LossFn.CROSS_ENTROPY);
            double expected = local.optimStep(AdamParams.defaults().withLearningRate(0.01)).join().metrics().get("grad_norm:mean");
            assertThat(metrics.get("grad_norm:mean").asDouble()).isEqualTo(expected);
        }
    }

    @Test
    void aRetriedRequestIsNotAppliedTwice() {
        String model = createModel(session(), 0, 4, 5L);
        Map<String, Object> step = Map.of("adam_params", Map.of("learning_rate", 0.01), "model_id", model, "seq_id", 1,
                "type", "optim_step");

        String first = SdkWire.requestId(sdk.post("optim_step", step));
        String retry = SdkWire.requestId(sdk.post("optim_step", step));

        assertThat(retry).isEqualTo(first);
        assertThat(sdk.result(first, false).json().get("metrics").get("step:max").asDouble()).isEqualTo(1.0);
    }

    @Test
    void samplingAndComputeLogprobsAnswerInProtobuf() throws Exception {
        String session = session();
        String model = createModel(session, 0, 4, 9L);
        String save = SdkWire.requestId(sdk.post("save_weights_for_sampler", Map.of("model_id", model,
                "sampling_session_seq_id", 0, "seq_id", 1, "type", "save_weights_for_sampler")));
        String sampler = sdk.result(save, false).json().get("sampling_session_id").asText();
        Map<String, Object> prompt = Map.of("chunks", List.of(Map.of("tokens", List.of(33, 44, 92), "type", "encoded_text")));

        SdkWire.Answer sampled = sdk.result(SdkWire.requestId(sdk.post("asample", Map.of("num_samples", 2, "prompt", prompt,
                "sampling_params", Map.of("max_tokens", 5, "seed", 1, "temperature", 1.0, "top_k", -1, "top_p", 1.0),
                "sampling_session_id", sampler, "seq_id", 0, "prompt_logprobs", false, "topk_prompt_logprobs", 0,
                "type", "sample"))), true);
        SdkWire.Answer logprobs = sdk.result(SdkWire.requestId(sdk.post("asample", Map.of("num_samples", 1, "prompt", prompt,
                "sampling_params", Map.of("max_tokens", 1, "temperature", 1.0, "top_k", -1, "top_p", 1.0),
                "sampling_session_id", sampler, "seq_id", 1, "prompt_logprobs", true, "topk_prompt_logprobs", 0,
                "type", "sample"))), true);

        assertThat(sampled.contentType()).startsWith("application/x-protobuf");
        SampleResponse response = SampleProto.decode(TinkerPublic.SampleResponse.parseFrom(sampled.body()));
        assertThat(response.sequences()).hasSize(2).allSatisfy(s -> assertThat(s.tokens()).hasSize(5));
        TinkerPublic.SampleResponse lp = TinkerPublic.SampleResponse.parseFrom(logprobs.body());
        float[] prompts = RawArrays.toFloat32(lp.getPromptLogprobs(), "prompt_logprobs");
        assertThat(prompts).hasSize(3);
        assertThat(prompts[0]).isNaN();
        try (TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(4).withSeed(9L))) {
            var localSampler = local.saveWeightsAndGetSamplingClient().join();
            SampleResponse expected = localSampler.sample(ModelInput.fromInts(33, 44, 92), 2,
                    SamplingParams.defaults().withMaxTokens(5).withSeed(1L)).join();
            assertThat(response).isEqualTo(expected);
            List<Double> expectedLogprobs = localSampler.computeLogprobs(ModelInput.fromInts(33, 44, 92)).join();
            assertThat((double) prompts[1]).isEqualTo(expectedLogprobs.get(1));
            assertThat((double) prompts[2]).isEqualTo(expectedLogprobs.get(2));
        }
        JsonNode info = sdk.get("samplers/" + sampler).json();
        assertThat(info.get("sampler_id").asText()).isEqualTo(sampler);
        assertThat(info.get("base_model").asText()).isEqualTo(ServedEngine.MODEL);
    }

    @Test
    void checkpointsSaveLoadAndListThroughTheRestRoutes() {
        String session = session();
        String model = createModel(session, 0, 4, 13L);
        String saved = sdk.result(SdkWire.requestId(sdk.post("save_weights", Map.of("model_id", model, "path", "ck1", "seq_id", 1,
                "overwrite", false, "type", "save_weights"))), false).json().get("path").asText();
        JsonNode info = sdk.post("weights_info", Map.of("tinker_path", saved)).json();
        String other = createModel(session, 1, info.get("lora_rank").asInt(), null);
        JsonNode loaded = sdk.result(SdkWire.requestId(sdk.post("load_weights", Map.of("model_id", other, "seq_id", 1,
                "path", saved, "optimizer", true, "type", "load_weights"))), false).json();
        JsonNode listed = sdk.get("training_runs/" + model + "/checkpoints").json();
        JsonNode archive = sdk.get("training_runs/" + model + "/checkpoints/weights/ck1/archive").json();

        assertThat(saved).isEqualTo("tinker://" + model + "/weights/ck1");
        assertThat(info.get("base_model").asText()).isEqualTo(ServedEngine.MODEL);
        assertThat(info.get("is_lora").asBoolean()).isTrue();
        assertThat(loaded.get("model_id").asText()).isEqualTo(other);
        assertThat(listed.get("checkpoints").get(0).get("checkpoint_id").asText()).isEqualTo("weights/ck1");
        assertThat(listed.get("checkpoints").get(0).get("checkpoint_type").asText()).isEqualTo("training");
        String url = archive.get("url").asText();
        SdkWire.Answer tar = new SdkWire(java.net.URI.create(url.substring(0, url.indexOf("/api/v1/"))), null)
                .get(url.substring(url.indexOf("/api/v1/") + "/api/v1/".length()));
        assertThat(tar.status()).isEqualTo(200);
        assertThat(new String(tar.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("adapter_model.safetensors")
                .contains("checkpoint_complete");
    }

    @Test
    void newerSdkFieldsAreAcceptedHonouredOrRefusedByName() throws Exception {
        String session = session();
        Map<String, Object> sampler = Map.of("session_id", session, "sampling_session_seq_id", 0, "base_model", ServedEngine.MODEL,
                "type", "create_sampling_session");
        String samplerId = sdk.post("create_sampling_session", sampler).json().get("sampling_session_id").asText();
        Map<String, Object> prompt = Map.of("chunks", List.of(Map.of("tokens", List.of(3, 4, 5, 6, 7, 8), "type", "encoded_text")));
        java.util.function.Function<Map<String, Object>, SdkWire.Answer> asample = extra -> {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("num_samples", 1, "prompt", prompt, "sampling_params",
                    Map.of("max_tokens", 2, "seed", 1), "sampling_session_id", samplerId, "type", "sample",
                    "topk_sample_logprobs", 0, "prompt_alt_tokens_k", 0));
            body.putAll(extra);
            return sdk.post("asample", body);
        };

        SdkWire.Answer lastN = sdk.result(SdkWire.requestId(asample.apply(Map.of("seq_id", 0, "prompt_logprobs", true,
                "topk_prompt_logprobs", 2, "prompt_logprobs_last_n", 3))), true);
        SdkWire.Answer topkSample = asample.apply(Map.of("seq_id", 1, "topk_sample_logprobs", 4));
        SdkWire.Answer withoutPromptLogprobs = asample.apply(Map.of("seq_id", 2, "prompt_logprobs_last_n", 2));

        SampleResponse masked = SampleProto.decode(TinkerPublic.SampleResponse.parseFrom(lastN.body()));
        assertThat(masked.promptLogprobs().subList(0, 3)).containsOnlyNulls();
        assertThat(masked.promptLogprobs().subList(3, 6)).doesNotContainNull();
        assertThat(masked.topkPromptLogprobs().subList(0, 3)).containsOnlyNulls();
        assertThat(masked.topkPromptLogprobs().get(5)).hasSize(2);
        assertThat(topkSample.status()).isEqualTo(400);
        assertThat(topkSample.json().get("detail").asText()).contains("topk_sample_logprobs");
        assertThat(withoutPromptLogprobs.status()).isEqualTo(400);
        assertThat(withoutPromptLogprobs.json().get("detail").asText()).contains("prompt_logprobs_last_n requires prompt_logprobs");

        // create_model's user_metadata is kept with the run; a loss_fn_config value may arrive as a numeric string
        String rid = SdkWire.requestId(sdk.post("create_model", Map.of("session_id", session, "model_seq_id", 0,
                "base_model", ServedEngine.MODEL, "lora_config", Map.of("rank", 4, "seed", 2), "user_metadata",
                Map.of("experiment", "wire-42"), "type", "create_model")));
        String model = sdk.result(rid, false).json().get("model_id").asText();
        Map<String, Object> datum = Map.of("model_input", Map.of("chunks", List.of(Map.of("tokens", List.of(3, 4, 5),
                "type", "encoded_text"))), "loss_fn_inputs", Map.of(
                "target_tokens", Map.of("data", List.of(4, 5, 6), "dtype", "int64", "shape", List.of(3)),
                "logprobs", Map.of("data", List.of(-1.0, -1.0, -1.0), "dtype", "float32", "shape", List.of(3)),
                "advantages", Map.of("data", List.of(1.0, 0.5, -1.0), "dtype", "float32", "shape", List.of(3))));
        SdkWire.Answer ppo = sdk.result(SdkWire.requestId(sdk.post("forward", Map.of("forward_input", Map.of("data", List.of(datum),
                "loss_fn", "ppo", "loss_fn_config", Map.of("clip_low_threshold", "0.8", "clip_high_threshold", 1.2)),
                "model_id", model, "seq_id", 1))), false);
        SdkWire.Answer badConfig = sdk.result(SdkWire.requestId(sdk.post("forward", Map.of("forward_input", Map.of("data",
                List.of(datum), "loss_fn", "ppo", "loss_fn_config", Map.of("clip_low_threshold", "low")),
                "model_id", model, "seq_id", 2))), false);

        assertThat(ppo.json().get("metrics").get("loss:sum").isNumber()).isTrue();
        assertThat(ppo.json().get("loss_fn_outputs").get(0).get("logprobs").get("data")).hasSize(3);
        assertThat(badConfig.json().get("category").asText()).isEqualTo("user");
        assertThat(badConfig.json().get("error").asText()).contains("clip_low_threshold").contains("low");
        JsonNode run = sdk.get("training_runs/" + model).json();
        assertThat(run.get("user_metadata").get("experiment").asText()).isEqualTo("wire-42");
    }

    /** create_session as the SDK sends it; returns the session id. */
    static String session() {
        JsonNode s = sdk.post("create_session", Map.of("tags", List.of(), "user_metadata", Map.of(), "sdk_version",
                SdkWire.SDK_VERSION, "type", "create_session")).json();
        assertThat(s.get("type").asText()).isEqualTo("create_session");
        return s.get("session_id").asText();
    }

    /** create_model as the SDK sends it, waited for; returns the model id. */
    static String createModel(String session, int modelSeqId, int rank, Long seed) {
        Map<String, Object> lora = new java.util.LinkedHashMap<>(Map.of("rank", rank, "train_unembed", true, "train_mlp", true,
                "train_attn", true));
        if (seed != null) {
            lora.put("seed", seed);
        }
        String rid = SdkWire.requestId(sdk.post("create_model", Map.of("session_id", session, "model_seq_id", modelSeqId,
                "base_model", ServedEngine.MODEL, "lora_config", lora, "type", "create_model")));
        JsonNode result = sdk.result(rid, false).json();
        assertThat(result.get("type").asText()).isEqualTo("create_model");
        return result.get("model_id").asText();
    }
}
