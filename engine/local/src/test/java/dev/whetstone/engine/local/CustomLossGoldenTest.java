package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code forwardBackwardCustom} end to end with a DPO loss,
 * {@code -logsigmoid(β·((lp_c - ref_c) - (lp_r - ref_r)))} over the weighted sequence logprobs of a
 * chosen and a rejected datum, against the PyTorch gradients of {@code make_golden_rl.py}.
 */
class CustomLossGoldenTest {
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
        return RlGolden.CASES;
    }

    /** DPO over datums 0 (chosen) and 1 (rejected); any further datum is left unread. Metric: the loss and margin. */
    static CustomLossFn dpo(JsonNode spec) {
        double beta = spec.get("beta").asDouble();
        double refChosen = spec.get("reference_logprobs").get(0).asDouble();
        double refRejected = spec.get("reference_logprobs").get(1).asDouble();
        return (data, logprobs) -> {
            NDManager m = logprobs.get(0).getManager();
            // constants as arrays that live until backward (not mul(Number): see DJL-NOTES, the scalar bug)
            NDArray chosen = sequenceLogprob(data.get(0), logprobs.get(0)).sub(m.create((float) refChosen));
            NDArray rejected = sequenceLogprob(data.get(1), logprobs.get(1)).sub(m.create((float) refRejected));
            NDArray margin = chosen.sub(rejected);
            NDArray loss = Activation.softPlus(margin.mul(m.create((float) beta)).neg());   // -logsigmoid(β·margin)
            return new CustomLoss(loss, Map.of("dpo_loss:mean", (double) loss.getFloat(),
                    "dpo_margin:mean", (double) margin.getFloat()));
        };
    }

    private static NDArray sequenceLogprob(Datum datum, NDArray logprobs) {
        NDArray weights = logprobs.getManager().create(datum.input("weights").floats(), logprobs.getShape());
        return logprobs.mul(weights).sum();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void dpoGradientsMatchTorch(String model) {
        RlGolden golden = RlGolden.load(model);
        try (var client = RlLossGoldenTest.clientWithGoldenAdapter(service, model)) {
            ForwardBackwardOutput out = client.forwardBackwardCustom(golden.dpoDatums().subList(0, 2), dpo(golden.dpo())).join();
            JsonNode expected = golden.expected().get("dpo");
            assertThat(out.metrics().get("dpo_loss:mean")).isCloseTo(expected.get("loss").asDouble(), within(1e-5));
            assertThat(out.metrics().get("dpo_margin:mean")).isCloseTo(expected.get("margin").asDouble(), within(1e-4));
            assertThat(out.metrics().get("loss:sum")).isCloseTo(expected.get("loss").asDouble(), within(1e-5));
            assertThat(out.metrics()).containsKey("surrogate_loss:sum");
            RlLossGoldenTest.assertGradientsMatch(TrainingProbe.gradients(client).join(), golden.dpoGradients(), model + " dpo");
        }
    }

    @Test
    void aDatumTheLossNeverReadsContributesNoGradient() {
        RlGolden golden = RlGolden.load("qwen3_tied");
        List<Datum> threeDatums = golden.dpoDatums();
        assertThat(threeDatums).hasSize(3);
        try (var client = RlLossGoldenTest.clientWithGoldenAdapter(service, "qwen3_tied")) {
            ForwardBackwardOutput out = client.forwardBackwardCustom(threeDatums, dpo(golden.dpo())).join();
            assertThat(out.lossFnOutputs()).hasSize(3);
            assertThat(out.lossFnOutputs().get(2).get("elementwise_loss").toDoubles()).containsOnly(new double[] {0.0}, within(0.0));
            RlLossGoldenTest.assertGradientsMatch(TrainingProbe.gradients(client).join(), golden.dpoGradients(), "dpo + unread datum");
        }
    }

    @Test
    void aLossThatReadsNoLogprobGivesZeroGradients() {
        RlGolden golden = RlGolden.load("qwen3_tied");
        try (var client = RlLossGoldenTest.clientWithGoldenAdapter(service, "qwen3_tied")) {
            ForwardBackwardOutput out = client.forwardBackwardCustom(golden.dpoDatums(),
                    (data, logprobs) -> new CustomLoss(logprobs.get(0).getManager().create(1.5f))).join();
            assertThat(out.metrics().get("loss:sum")).isEqualTo(1.5);              // the caller's loss, as the SDK names it
            assertThat(out.metrics().get("surrogate_loss:sum")).isZero();           // the cross-entropy that carried no gradient
            TrainingProbe.gradients(client).join().values().forEach(g -> assertThat(TrainingClientBehaviourTest.maxAbs(g)).isZero());
        }
    }

    @Test
    void trainingWithTheDpoLossRaisesTheChosenOverRejectedMargin() {
        RlGolden golden = RlGolden.load("qwen3_tied");
        List<Datum> pair = golden.dpoDatums().subList(0, 2);
        CustomLossFn loss = dpo(golden.dpo());
        List<Double> margins = new ArrayList<>();
        try (var client = (LocalTrainingClient) service.createLoraTrainingClient(GoldenCase.load("qwen3_tied").model().toString(),
                LoraConfig.ofRank(4).withSeed(11L))) {
            for (int step = 0; step < 6; step++) {
                var fb = client.forwardBackwardCustom(pair, loss);
                client.optimStep(AdamParams.defaults().withLearningRate(1e-3)).join();
                margins.add(fb.join().metrics().get("dpo_margin:mean"));
            }
        }
        assertThat(margins.get(0)).as("a fresh adapter is the reference: margin starts at 0").isCloseTo(0.0, within(1e-3));
        for (int i = 1; i < margins.size(); i++) {
            assertThat(margins.get(i)).as("margin after step " + i + " of " + margins).isGreaterThan(margins.get(i - 1));
        }
        assertThat(margins.get(margins.size() - 1)).isGreaterThan(1.0);
    }
}
