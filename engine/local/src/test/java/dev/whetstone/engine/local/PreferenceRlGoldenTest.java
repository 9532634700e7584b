package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.preference.DpoLoss;
import dev.whetstone.engine.preference.DpoVariant;
import dev.whetstone.engine.rl.GroupAdvantages;
import dev.whetstone.engine.rl.RolloutDatum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DPO loss a DPO run uses ({@link DpoLoss} through {@code forwardBackwardCustom}, sigmoid and IPO) and one GRPO
 * update as a GRPO run takes it ({@link GroupAdvantages}, {@link RolloutDatum}, {@code importance_sampling} or
 * {@code ppo}, a clipped AdamW step) against the float64 PyTorch reference of {@code make_golden_prefrl.py}: loss,
 * metrics, LoRA gradients and the adapter after the step, within 1e-5 of the largest magnitude.
 */
class PreferenceRlGoldenTest {
    private static final Path ROOT = Path.of("src/test/resources/golden_prefrl");
    private static final ObjectMapper JSON = new ObjectMapper();
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

    static Stream<Arguments> dpoCases() {
        return RlGolden.CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, "sigmoid"), Arguments.of(c, "ipo")));
    }

    static Stream<Arguments> grpoCases() {
        return RlGolden.CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, "grpo_mean_is"), Arguments.of(c, "grpo_std_ppo")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dpoCases")
    void dpoLossMetricsAndGradientsMatchTorch(String model, String variant) {
        JsonNode data = read(model, "data.json").get("dpo");
        JsonNode expected = read(model, "expected.json").get("dpo_" + variant);
        DpoLoss loss = new DpoLoss(data.get("beta").asDouble(), DpoVariant.of(variant),
                doubles(data.get("reference_chosen")), doubles(data.get("reference_rejected")));
        try (var client = RlLossGoldenTest.clientWithGoldenAdapter(service, model)) {
            ForwardBackwardOutput out = client.forwardBackwardCustom(RlGolden.datums(data.get("datums")), loss).join();
            for (String metric : List.of("dpo_loss", "accuracy", "margin", "chosen_reward", "rejected_reward")) {
                double want = expected.get(metric).asDouble();
                assertThat(out.metrics().get(metric + ":mean")).as(model + " " + variant + " " + metric)
                        .isCloseTo(want, within(RELATIVE * Math.max(1, Math.abs(want))));
            }
            RlLossGoldenTest.assertGradientsMatch(TrainingProbe.gradients(client).join(), tensors(model, "dpo_" + variant + "_grads"),
                    model + " dpo " + variant);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("grpoCases")
    void oneGrpoUpdateMatchesTorch(String model, String scenario) {
        JsonNode grpo = read(model, "data.json").get("grpo");
        JsonNode settings = grpo.get("scenarios").get(scenario);
        JsonNode expected = read(model, "expected.json").get(scenario);
        boolean normalizeStd = settings.get("normalize_std").asBoolean();
        List<Datum> datums = new ArrayList<>();
        int g = 0;
        for (JsonNode group : grpo.get("groups")) {
            double[] advantages = GroupAdvantages.of(doubles(group.get("rewards")), normalizeStd);
            assertThat(advantages).as("group " + g + " advantages")
                    .containsExactly(doubles(expected.get("advantages").get(g)), within(1e-12));
            ModelInput prompt = ModelInput.fromInts(ints(group.get("prompt")));
            for (int c = 0; c < advantages.length && GroupAdvantages.hasSignal(doubles(group.get("rewards"))); c++) {
                JsonNode completion = group.get("completions").get(c);
                SampledSequence sampled = new SampledSequence(boxed(ints(completion.get("tokens"))),
                        boxedDoubles(doubles(completion.get("logprobs"))), StopReason.LENGTH);
                datums.add(RolloutDatum.of(prompt, sampled, (float) advantages[c]));
            }
            g++;
        }
        assertThat(datums).hasSize(expected.get("datums").asInt());
        JsonNode adam = expected.get("adam");
        AdamParams params = AdamParams.defaults().withLearningRate(adam.get("learning_rate").asDouble())
                .withBeta1(adam.get("beta1").asDouble()).withBeta2(adam.get("beta2").asDouble()).withEps(adam.get("eps").asDouble())
                .withWeightDecay(adam.get("weight_decay").asDouble()).withGradClipNorm(adam.get("grad_clip_norm").asDouble());
        try (var client = RlLossGoldenTest.clientWithGoldenAdapter(service, model)) {
            ForwardBackwardOutput out = client.forwardBackward(datums, LossFn.fromWireName(settings.get("loss_fn").asText())).join();
            double lossSum = expected.get("loss_sum").asDouble();
            assertThat(out.metrics().get("loss:sum")).as(scenario + " loss:sum").isCloseTo(lossSum, within(RELATIVE * Math.max(1, Math.abs(lossSum))));
            RlLossGoldenTest.assertGradientsMatch(TrainingProbe.gradients(client).join(), tensors(model, scenario + "_grads"), model + " " + scenario);
            double norm = client.optimStep(params).join().metrics().get("grad_norm:mean");
            assertThat(norm).as("grad norm before clipping").isCloseTo(expected.get("grad_norm").asDouble(),
                    within(RELATIVE * expected.get("grad_norm").asDouble()));
            Map<String, FloatTensor> after = TrainingProbe.weights(client).join();
            RlLossGoldenTest.assertGradientsMatch(after, tensors(model, scenario + "_after"), model + " " + scenario + " adapter after the step");
        }
    }

    private static JsonNode read(String model, String file) {
        try {
            return JSON.readTree(ROOT.resolve(model).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, FloatTensor> tensors(String model, String name) {
        return GoldenCase.tensors(ROOT.resolve(model).resolve(name + ".safetensors"));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static List<Integer> boxed(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static List<Double> boxedDoubles(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
