package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.model.FloatTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against PyTorch: forward logprobs, loss, LoRA gradients and a 10-step AdamW trajectory
 * (weight decay and clipping on) for every supported architecture, from the float64 reference of
 * {@code make_golden.py}. Tolerances: logprobs 1e-5 absolute; loss, gradients and weights 1e-5 of the
 * tensor's largest magnitude (fp32 rounding; see golden/README.md).
 */
class GoldenTrainingTest {
    private static final double LOGPROB_ABS = 1e-5;
    private static final double RELATIVE = 1e-5;
    @TempDir
    static Path home;
    private static ServiceClient service;

    @BeforeAll
    static void startEngine() {
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    @AfterAll
    static void stopEngine() {
        service.close();
    }

    static List<String> cases() {
        return GoldenCase.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardLogprobsAndLossMatchTorch(String name) {
        GoldenCase golden = GoldenCase.load(name);
        try (var client = trainingClientWithGoldenAdapter(golden)) {
            ForwardBackwardOutput out = client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            List<double[]> expected = golden.perDatum("logprobs");
            List<double[]> expectedLoss = golden.perDatum("elementwise_loss");
            for (int i = 0; i < expected.size(); i++) {
                assertClose(out.lossFnOutputs().get(i).get("logprobs").toDoubles(), expected.get(i), LOGPROB_ABS, name + " logprobs " + i);
                assertClose(out.lossFnOutputs().get(i).get("elementwise_loss").toDoubles(), expectedLoss.get(i), LOGPROB_ABS,
                        name + " elementwise_loss " + i);
            }
            double loss = golden.expected().get("loss_sum").asDouble();
            assertThat(out.metrics().get("loss:sum")).isCloseTo(loss, org.assertj.core.data.Offset.offset(RELATIVE * Math.max(1, Math.abs(loss))));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void loraGradientsMatchTorch(String name) {
        GoldenCase golden = GoldenCase.load(name);
        try (var client = trainingClientWithGoldenAdapter(golden)) {
            client.forwardBackward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            Map<String, FloatTensor> grads = TrainingProbe.gradients(client).join();
            Map<String, FloatTensor> expected = GoldenCase.tensors(golden.dir().resolve("expected_grads.safetensors"));
            assertThat(grads.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, tensor) -> assertTensorClose(grads.get(key), tensor, name + " grad " + key));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void adamWTrajectoryMatchesTorch(String name) {
        GoldenCase golden = GoldenCase.load(name);
        List<Datum> data = golden.datums();
        var lossTrajectory = golden.expected().get("trajectory").get("loss_sum");
        var normTrajectory = golden.expected().get("trajectory").get("grad_norm");
        double lossScale = 0;
        for (var l : lossTrajectory) {
            lossScale = Math.max(lossScale, Math.abs(l.asDouble()));
        }
        try (var client = trainingClientWithGoldenAdapter(golden)) {
            for (int step = 0; step < golden.steps(); step++) {
                var fb = client.forwardBackward(data, LossFn.CROSS_ENTROPY);
                var opt = client.optimStep(golden.adam());
                assertThat(fb.join().metrics().get("loss:sum")).as(name + " loss at step " + step)
                        .isCloseTo(lossTrajectory.get(step).asDouble(), org.assertj.core.data.Offset.offset(RELATIVE * lossScale));
                double norm = normTrajectory.get(step).asDouble();
                assertThat(opt.join().metrics().get("grad_norm:mean")).as(name + " grad norm at step " + step)
                        .isCloseTo(norm, org.assertj.core.data.Offset.offset(RELATIVE * norm));
            }
            Map<String, FloatTensor> weights = TrainingProbe.weights(client).join();
            GoldenCase.tensors(golden.dir().resolve("final_adapter.safetensors"))
                    .forEach((key, tensor) -> assertTensorClose(weights.get(key), tensor, name + " final " + key));
        }
    }

    private static LocalTrainingClient trainingClientWithGoldenAdapter(GoldenCase golden) {
        var client = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(),
                LoraConfig.ofRank(4).withSeed(0L));
        client.loadState(golden.adapter().toString()).join();
        return client;
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static void assertTensorClose(FloatTensor actual, FloatTensor expected, String what) {
        assertThat(actual).as(what + " present").isNotNull();
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.at(i)));
            worst = Math.max(worst, Math.abs(actual.at(i) - expected.at(i)));
        }
        assertThat(worst).as(what + ": max abs error relative to max |expected| = " + scale).isLessThanOrEqualTo(RELATIVE * scale);
    }
}
