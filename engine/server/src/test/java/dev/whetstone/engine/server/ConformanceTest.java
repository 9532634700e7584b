package dev.whetstone.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ServiceClient.connect} against {@code whetstone serve} gives bit-identical numbers to the in-process engine for
 * the same calls and seeds: an SFT loop, an RL loss, save → load → continue, a custom loss, and sampling with prompt
 * logprobs.
 */
class ConformanceTest {
    static final AdamParams ADAM = AdamParams.defaults().withLearningRate(0.02).withGradClipNorm(1.0);
    static final List<Datum> BATCH = List.of(
            sft(new int[] {33, 44, 92, 49, 15, 63}, 2),
            sft(new int[] {7, 8, 9, 10, 11, 12, 13, 14}, 3),
            sft(new int[] {100, 101, 102}, 1));

    @TempDir
    static Path home;
    static ServedEngine served;
    static ServiceClient remote;

    @BeforeAll
    static void serve() {
        served = new ServedEngine(home);
        remote = ServiceClient.connect(served.server.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        remote.close();
        served.close();
    }

    @Test
    void anSftLoopGivesTheSameLossesAndGradNormsAsInProcess() {
        LoraConfig lora = LoraConfig.ofRank(8).withSeed(21L);
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            assertThat(steps(wire, 4)).isEqualTo(steps(local, 4));
        }
    }

    @Test
    void anRlLossOverTheWireEqualsInProcess() {
        List<Datum> rl = List.of(rl(new int[] {33, 44, 92, 49}, new float[] {-1.2f, -0.7f, -2.5f, -0.1f}, new float[] {1, 1, -0.5f, -0.5f}),
                rl(new int[] {5, 6, 7}, new float[] {-0.3f, -0.9f, -1.1f}, new float[] {0.25f, 0.25f, 0.25f}));
        LoraConfig lora = LoraConfig.ofRank(4).withSeed(8L);
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            for (TrainingClient c : List.of(wire, local)) {
                c.forwardBackward(rl, LossFn.IMPORTANCE_SAMPLING);
                c.optimStep(ADAM);
            }
            Map<String, Double> ppo = Map.of("clip_low_threshold", 0.9, "clip_high_threshold", 1.1);
            assertThat(wire.forwardBackward(rl, LossFn.PPO, ppo).join()).isEqualTo(local.forwardBackward(rl, LossFn.PPO, ppo).join());
            assertThat(wire.optimStep(ADAM).join()).isEqualTo(local.optimStep(ADAM).join());
        }
    }

    @Test
    void saveLoadAndContinueOverTheWireEqualsInProcess() {
        LoraConfig lora = LoraConfig.ofRank(4).withSeed(33L);
        String wirePath;
        String localPath;
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            steps(wire, 2);
            steps(local, 2);
            wirePath = wire.saveState("ck").join().path();
            localPath = local.saveState("ck").join().path();
        }
        assertThat(wirePath).startsWith("tinker://").endsWith("/weights/ck");
        try (TrainingClient wire = remote.createTrainingClientFromStateWithOptimizer(wirePath);
             TrainingClient local = served.engine.createTrainingClientFromStateWithOptimizer(localPath)) {
            assertThat(steps(wire, 2)).isEqualTo(steps(local, 2));
        }
        List<Checkpoint> listed = remote.checkpoints().listCheckpoints(wirePath.split("/")[2]);
        assertThat(listed).extracting(Checkpoint::tinkerPath).contains(wirePath);
    }

    @Test
    void aCustomLossOverTheWireEqualsInProcess() {
        // a sequence-level loss: -Σ weighted logprob of datum 0 plus the square of datum 1's mean logprob
        CustomLossFn loss = (data, logprobs) -> {
            NDArray first = logprobs.get(0).sum().neg();
            NDArray second = logprobs.get(1).mean();
            NDArray total = first.add(second.mul(second));
            return new CustomLoss(total, Map.of("first:sum", (double) first.getFloat()));
        };
        List<Datum> data = BATCH.subList(0, 2);
        LoraConfig lora = LoraConfig.ofRank(4).withSeed(4L);
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            ForwardBackwardOutput w = wire.forwardBackwardCustom(data, loss).join();
            ForwardBackwardOutput l = local.forwardBackwardCustom(data, loss).join();
            assertThat(w).isEqualTo(l);
            assertThat(w.metrics()).containsKeys("loss:sum", "surrogate_loss:sum", "first:sum");
            assertThat(wire.optimStep(ADAM).join()).isEqualTo(local.optimStep(ADAM).join());
        }
    }

    @Test
    void samplingWithPromptLogprobsEqualsInProcess() {
        LoraConfig lora = LoraConfig.ofRank(4).withSeed(17L);
        ModelInput prompt = ModelInput.fromInts(33, 44, 92, 49, 15);
        SamplingParams params = SamplingParams.defaults().withMaxTokens(6).withSeed(123L).withTemperature(0.8).withTopP(0.95);
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            steps(wire, 1);
            steps(local, 1);
            SamplingClient wireSampler = wire.saveWeightsAndGetSamplingClient().join();
            SamplingClient localSampler = local.saveWeightsAndGetSamplingClient().join();
            SampleResponse w = wireSampler.sample(prompt, 3, params, true, 3).join();
            SampleResponse l = localSampler.sample(prompt, 3, params, true, 3).join();
            assertThat(w).isEqualTo(l);
            assertThat(w.promptLogprobs().get(0)).isNull();
            assertThat(w.topkPromptLogprobs().get(1)).hasSize(3);
            assertThat(wireSampler.computeLogprobs(prompt).join()).isEqualTo(localSampler.computeLogprobs(prompt).join());
            assertThat(wireSampler.getTokenizer().vocabSize()).isEqualTo(128);
            if (localSampler instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    @Test
    void theCheckpointStoreOverTheWireSeesWhatTheEngineStores(@TempDir Path out) throws Exception {
        String path;
        String runId;
        try (TrainingClient wire = remote.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(4).withSeed(12L))) {
            steps(wire, 1);
            path = wire.saveWeightsForSampler("export-me").join().path();
            runId = wire.getInfo().join().modelId();
        }
        var store = remote.checkpoints();

        store.setTtl(path, java.time.Duration.ofHours(2));
        Checkpoint listed = store.listCheckpoints(runId).get(0);
        Path peft = store.exportPeft(path, out.resolve("peft")).join();
        Path localPeft = served.engine.checkpoints().exportPeft(path, out.resolve("local-peft")).join();
        store.delete(path);

        assertThat(listed.tinkerPath()).isEqualTo(path);
        assertThat(listed.expiresAt()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(100)));
        assertThat(store.listRuns()).extracting(dev.whetstone.engine.TrainingRun::trainingRunId).contains(runId);
        for (String file : List.of("adapter_model.safetensors", "adapter_config.json")) {
            assertThat(java.nio.file.Files.readAllBytes(peft.resolve(file))).isEqualTo(java.nio.file.Files.readAllBytes(localPeft.resolve(file)));
        }
        assertThat(served.engine.checkpoints().listCheckpoints(runId)).isEmpty();
    }

    @Test
    void theEnvironmentNamesTheServerAsForTheTinkerSdk() {
        try (ServiceClient fromEnv = dev.whetstone.engine.spi.RemoteEngines.connectFromEnvironment(Map.of(
                "TINKER_BASE_URL", served.server.baseUrl().toString(), "TINKER_API_KEY", "tml-anything-on-loopback"))) {
            assertThat(fromEnv.getServerCapabilities().device()).contains("cpu").contains(served.server.baseUrl().toString());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.whetstone.engine.spi.RemoteEngines.connectFromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TINKER_BASE_URL");
    }

    /** {@code n} pipelined steps (submit, then wait) and what a user reads: losses, outputs, optimizer metrics. */
    static List<Object> steps(TrainingClient client, int n) {
        List<CompletableFuture<ForwardBackwardOutput>> passes = new ArrayList<>();
        List<CompletableFuture<OptimStepResponse>> updates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            passes.add(client.forwardBackward(BATCH, LossFn.CROSS_ENTROPY));
            updates.add(client.optimStep(ADAM));
        }
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seen.add(passes.get(i).join());
            seen.add(updates.get(i).join().metrics());
        }
        seen.add(client.forward(BATCH, LossFn.CROSS_ENTROPY).join());
        return seen;
    }

    static Datum sft(int[] tokens, int promptLength) {
        int n = tokens.length - 1;
        float[] weights = new float[n];
        long[] targets = new long[n];
        for (int i = 0; i < n; i++) {
            targets[i] = tokens[i + 1];
            weights[i] = i + 1 >= promptLength ? 1f : 0f;
        }
        return new Datum(ModelInput.fromInts(java.util.Arrays.copyOf(tokens, n)), Map.of(
                "target_tokens", TensorData.ofLongs(targets), "weights", TensorData.ofFloats(weights)));
    }

    static Datum rl(int[] tokens, float[] samplerLogprobs, float[] advantages) {
        long[] targets = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            targets[i] = (tokens[i] * 7 + 3) % 120;
        }
        return new Datum(ModelInput.fromInts(tokens), Map.of("target_tokens", TensorData.ofLongs(targets),
                "logprobs", TensorData.ofFloats(samplerLogprobs), "advantages", TensorData.ofFloats(advantages)));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a snapshot; freed with the engine anyway
        }
    }
}
