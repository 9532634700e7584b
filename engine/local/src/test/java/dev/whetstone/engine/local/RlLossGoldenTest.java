package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.model.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * importance_sampling, ppo, cispo and dro against the float64 PyTorch reference of
 * {@code make_golden_rl.py}: logprobs, elementwise loss, {@code loss:sum}, {@code clip_fraction:mean} and
 * LoRA gradients, with config defaults, config overrides, per-token and per-datum threshold tensors,
 * and (N,K) targets. Tolerances as {@link GoldenTrainingTest}: logprobs 1e-5 absolute; losses and
 * gradients 1e-5 of the largest magnitude.
 */
class RlLossGoldenTest {
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

    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (String model : RlGolden.CASES) {
            for (String scenario : RlGolden.SCENARIOS) {
                all.add(Arguments.of(model, scenario));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void forwardMatchesTorch(String model, String name) {
        RlGolden.Scenario scenario = RlGolden.load(model).scenario(name);
        try (var client = clientWithGoldenAdapter(model)) {
            ForwardBackwardOutput out = client.forward(scenario.datums(), scenario.lossFn(), scenario.config()).join();
            assertOutputsMatch(out, scenario);
            TrainingProbe.gradients(client).join().values().forEach(g -> assertThat(TrainingClientBehaviourTest.maxAbs(g)).isZero());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void loraGradientsMatchTorch(String model, String name) {
        RlGolden.Scenario scenario = RlGolden.load(model).scenario(name);
        try (var client = clientWithGoldenAdapter(model)) {
            ForwardBackwardOutput out = client.forwardBackward(scenario.datums(), scenario.lossFn(), scenario.config()).join();
            assertOutputsMatch(out, scenario);
            assertGradientsMatch(TrainingProbe.gradients(client).join(), scenario.expectedGradients(), model + " " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedScenarios")
    void chunkedPassMatchesTorch(String name) {
        RlGolden.Scenario scenario = RlGolden.load("qwen3_tied").scenario(name);
        try (var client = clientWithGoldenAdapter("qwen3_tied")) {
            client.setLossChunkCells(2L * GoldenCase.load("qwen3_tied").vocabSize());   // 2 rows of logits at a time
            ForwardBackwardOutput out = client.forwardBackward(scenario.datums(), scenario.lossFn(), scenario.config()).join();
            assertOutputsMatch(out, scenario);
            assertGradientsMatch(TrainingProbe.gradients(client).join(), scenario.expectedGradients(), "chunked " + name);
        }
    }

    static Stream<String> chunkedScenarios() {
        return Stream.of("importance_sampling", "ppo_thresholds");
    }

    @Test
    void badRlInputIsRefusedAtCallTimeAndTheClientKeepsServing() {
        RlGolden.Scenario dro = RlGolden.load("qwen3_tied").scenario("dro");
        try (var client = clientWithGoldenAdapter("qwen3_tied")) {
            assertThatThrownBy(() -> client.forwardBackward(dro.datums(), dro.lossFn(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dro needs lossFnConfig 'beta'");
            RlGolden.Scenario is = RlGolden.load("qwen3_tied").scenario("importance_sampling");
            assertThatThrownBy(() -> client.forward(is.datums(), LossFn.PPO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("data[3].target_tokens has shape [5, 3], but ppo takes one target per position");
            assertOutputsMatch(client.forward(dro.datums(), dro.lossFn(), dro.config()).join(), dro);
        }
    }

    private static void assertOutputsMatch(ForwardBackwardOutput out, RlGolden.Scenario scenario) {
        String what = scenario.name();
        List<double[]> logprobs = scenario.perDatum("logprobs");
        List<double[]> elementwise = scenario.perDatum("elementwise_loss");
        assertThat(out.lossFnOutputs()).hasSize(logprobs.size());
        for (int i = 0; i < logprobs.size(); i++) {
            var outputs = out.lossFnOutputs().get(i);
            assertThat(outputs.get("logprobs").toDoubles()).as(what + " logprobs " + i)
                    .containsExactly(logprobs.get(i), within(LOGPROB_ABS));
            double scale = Math.max(1, maxAbs(elementwise.get(i)));
            assertThat(outputs.get("elementwise_loss").toDoubles()).as(what + " elementwise_loss " + i)
                    .containsExactly(elementwise.get(i), within(RELATIVE * scale));
        }
        double loss = scenario.expected().get("loss_sum").asDouble();
        assertThat(out.metrics().get("loss:sum")).as(what + " loss:sum")
                .isCloseTo(loss, within(RELATIVE * Math.max(1, Math.abs(loss))));
        if (scenario.expected().has("clip_fraction")) {
            assertThat(out.metrics().get("clip_fraction:mean")).as(what + " clip_fraction:mean")
                    .isCloseTo(scenario.expected().get("clip_fraction").asDouble(), within(1e-12));
        } else {
            assertThat(out.metrics()).doesNotContainKey("clip_fraction:mean");
        }
    }

    static void assertGradientsMatch(Map<String, FloatTensor> actual, Map<String, FloatTensor> expected, String what) {
        assertThat(actual.keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, e) -> {
            FloatTensor a = actual.get(key);
            assertThat(a.shape()).as(what + " " + key + " shape").containsExactly(e.shape());
            double scale = TrainingClientBehaviourTest.maxAbs(e);
            double worst = 0;
            for (int i = 0; i < e.size(); i++) {
                worst = Math.max(worst, Math.abs(a.at(i) - e.at(i)));
            }
            assertThat(worst).as(what + " grad " + key + ": max abs error vs max |expected| = " + scale)
                    .isLessThanOrEqualTo(RELATIVE * scale);
        });
    }

    private static LocalTrainingClient clientWithGoldenAdapter(String model) {
        return clientWithGoldenAdapter(service, model);
    }

    /** A client on golden/{@code model} with that case's initial PEFT adapter loaded. */
    static LocalTrainingClient clientWithGoldenAdapter(ServiceClient service, String model) {
        var client = (LocalTrainingClient) service.createLoraTrainingClient(GoldenCase.load(model).model().toString(),
                LoraConfig.ofRank(4).withSeed(0L));
        client.loadState(GoldenCase.load(model).adapter().toString()).join();
        return client;
    }

    private static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
