package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineFailureException;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.model.FloatTensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a training client behaves beyond the golden numbers: accumulation, chunking, custom losses, errors. */
class TrainingClientBehaviourTest {
    @TempDir
    static Path home;
    private static ServiceClient service;
    private static GoldenCase golden;

    @BeforeAll
    static void startEngine() {
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        golden = GoldenCase.load("qwen3_tied");
    }

    @AfterAll
    static void stopEngine() {
        service.close();
    }

    private LocalTrainingClient client() {
        var client = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(),
                LoraConfig.ofRank(4).withSeed(7L));
        client.loadState(golden.adapter().toString()).join();
        return client;
    }

    @Test
    void gradientsAccumulateAcrossForwardBackwardCallsUntilOptimStep() {
        List<Datum> data = golden.datums();
        try (var whole = client(); var split = client()) {
            whole.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            split.forwardBackward(data.subList(0, 2), LossFn.CROSS_ENTROPY).join();
            split.forwardBackward(data.subList(2, data.size()), LossFn.CROSS_ENTROPY).join();
            assertSameTensors(TrainingProbe.gradients(split).join(), TrainingProbe.gradients(whole).join(), 1e-5);
            split.optimStep(AdamParams.defaults()).join();
            TrainingProbe.gradients(split).join().values().forEach(g -> assertThat(maxAbs(g)).isZero());
        }
    }

    @Test
    void chunkedLossGivesTheSameLogprobsAndGradientsAsOneChunk() {
        List<Datum> data = golden.datums();
        try (var oneChunk = client(); var tinyChunks = client()) {
            tinyChunks.setLossChunkCells(3L * golden.vocabSize());   // 3 rows of logits at a time
            ForwardBackwardOutput a = oneChunk.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            ForwardBackwardOutput b = tinyChunks.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            assertThat(b.metrics().get("loss:sum")).isCloseTo(a.metrics().get("loss:sum"), within(1e-4));
            for (int i = 0; i < data.size(); i++) {
                assertThat(b.lossFnOutputs().get(i).get("logprobs").toDoubles())
                        .containsExactly(a.lossFnOutputs().get(i).get("logprobs").toDoubles(), within(1e-6));
            }
            assertSameTensors(TrainingProbe.gradients(tinyChunks).join(), TrainingProbe.gradients(oneChunk).join(), 1e-5);
        }
    }

    @Test
    void forwardComputesNoGradients() {
        try (var client = client()) {
            client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            TrainingProbe.gradients(client).join().values().forEach(g -> assertThat(maxAbs(g)).isZero());
        }
    }

    @Test
    void customLossEqualToCrossEntropyGivesTheSameGradients() {
        List<Datum> data = golden.datums();
        try (var builtIn = client(); var custom = client()) {
            builtIn.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            ForwardBackwardOutput out = custom.forwardBackwardCustom(data, (datums, logprobs) -> {
                NDArray total = null;
                for (int i = 0; i < datums.size(); i++) {
                    TensorData w = datums.get(i).lossFnInputs().get("weights");
                    NDArray weights = logprobs.get(i).getManager().create(w.floats(), logprobs.get(i).getShape());
                    NDArray term = logprobs.get(i).mul(weights).sum().neg();
                    total = total == null ? term : total.add(term);
                }
                return new CustomLoss(total, Map.of("custom_calls:sum", 1.0));
            }).join();
            assertThat(out.metrics()).containsEntry("custom_calls:sum", 1.0).containsKey("loss:sum");
            assertSameTensors(TrainingProbe.gradients(custom).join(), TrainingProbe.gradients(builtIn).join(), 1e-5);
        }
    }

    @Test
    void badInputIsRefusedAtCallTimeAndTheClientKeepsServing() {
        try (var client = client()) {
            int vocab = golden.vocabSize();
            Datum good = golden.datums().get(0);
            assertThatThrownBy(() -> client.forwardBackward(List.of(), LossFn.CROSS_ENTROPY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one Datum");
            assertThatThrownBy(() -> client.forward(List.of(datum(new int[] {1, vocab}, new long[] {1, 2}, new float[] {1, 1})),
                    LossFn.CROSS_ENTROPY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token 1 = " + vocab)
                    .hasMessageContaining("[0, " + vocab + ")");
            assertThatThrownBy(() -> client.forward(List.of(datum(new int[] {1, 2, 3}, new long[] {1, 2, 3}, new float[] {1, 1})),
                    LossFn.CROSS_ENTROPY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights has shape [2]");
            assertThatThrownBy(() -> client.forward(List.of(datum(new int[] {1, 2, 3}, new long[] {1, 2}, new float[] {1, 1})),
                    LossFn.CROSS_ENTROPY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target_tokens has shape [2]");
            assertThatThrownBy(() -> client.forwardBackward(List.of(good), LossFn.CROSS_ENTROPY, Map.of("beta", 0.1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'beta' is not used by cross_entropy");
            assertThatThrownBy(() -> AdamParams.defaults().withLearningRate(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
            assertThatThrownBy(() -> AdamParams.defaults().withLearningRate(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
            assertThatThrownBy(() -> AdamParams.defaults().withBeta2(1.0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta2");
            assertThat(client.forward(List.of(good), LossFn.CROSS_ENTROPY).join().metrics()).containsKey("loss:sum");
        }
    }

    @Test
    void aFailureWhileRunningCompletesThatFutureAndTheClientKeepsWorking() {
        try (var client = client()) {
            var failed = client.forwardBackwardCustom(golden.datums(), (data, logprobs) -> {
                throw new IllegalStateException("user loss exploded");
            });
            assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(EngineFailureException.class).hasMessageContaining("user loss exploded");
            ForwardBackwardOutput after = client.forwardBackward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            assertThat(after.metrics().get("loss:sum"))
                    .isCloseTo(golden.expected().get("loss_sum").asDouble(), within(1e-4));
            assertThat(client.optimStep(AdamParams.defaults()).join().metrics()).containsKey("grad_norm:mean");
        }
    }

    @Test
    void getInfoDescribesTheRun() {
        try (var client = client()) {
            var info = client.getInfo().join();
            assertThat(info.modelId()).isEqualTo(client.runId()).startsWith("run-");
            assertThat(info.arch()).isEqualTo("Qwen3ForCausalLM");
            assertThat(info.isLora()).isTrue();
            assertThat(info.loraRank()).isEqualTo(4);
        }
    }

    @Test
    void sameSeedGivesTheSameInitialAdapterAndAFreshAdapterLeavesTheBaseModelUnchanged() {
        LoraConfig config = LoraConfig.ofRank(4).withSeed(123L);
        try (var a = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), config);
             var b = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), config)) {
            assertSameTensors(TrainingProbe.weights(a).join(), TrainingProbe.weights(b).join(), 0);
            ForwardBackwardOutput out = a.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            assertThat(out.metrics().get("loss:sum"))
                    .isCloseTo(golden.expected().get("base_loss_sum").asDouble(), within(1e-4));
        }
    }

    private static Datum datum(int[] input, long[] targets, float[] weights) {
        return new Datum(ModelInput.fromInts(input), Map.of(
                "target_tokens", TensorData.ofLongs(targets), "weights", TensorData.ofFloats(weights)));
    }

    static void assertSameTensors(Map<String, FloatTensor> actual, Map<String, FloatTensor> expected, double relative) {
        assertThat(actual.keySet()).isEqualTo(new HashMap<>(expected).keySet());
        expected.forEach((key, e) -> {
            FloatTensor a = actual.get(key);
            double scale = Math.max(maxAbs(e), 1e-30);
            double worst = 0;
            for (int i = 0; i < e.size(); i++) {
                worst = Math.max(worst, Math.abs(a.at(i) - e.at(i)));
            }
            assertThat(worst).as(key).isLessThanOrEqualTo(relative * scale);
        });
    }

    static double maxAbs(FloatTensor t) {
        double m = 0;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, Math.abs(t.at(i)));
        }
        return m;
    }
}
