package dev.whetstone.engine.local.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code clip_fraction:mean}: the share of tokens with a non-zero advantage whose ratio left [low, high]. */
class LossDiagnosticsTest {

    private static Datum datum(float[] sampler, float[] advantages, Map<String, TensorData> extra) {
        int n = sampler.length;
        Map<String, TensorData> inputs = new HashMap<>(Map.of(
                "target_tokens", TensorData.ofLongs(new long[n]),
                "logprobs", TensorData.ofFloats(sampler), "advantages", TensorData.ofFloats(advantages)));
        inputs.putAll(extra);
        return new Datum(ModelInput.fromInts(new int[n]), inputs);
    }

    private static Map<String, Double> diagnostics(LossFn fn, List<Datum> data, Map<String, Double> config, float[] learner) {
        LossSpec spec = LossSpec.of(fn);
        Map<String, Float> defaults = new HashMap<>();
        new BatchValidator(10, 64).validate(data, fn, config).forEach((k, v) -> defaults.put(k, v.floatValue()));
        return LossDiagnostics.of(spec, TokenBatch.of(data, spec.floatInputs(), defaults), learner);
    }

    @Test
    void countsOnlyTokensWithANonZeroAdvantage() {
        // ratios exp(learner - sampler): 0.37 (advantage 0: a prompt token), 1.0, 1.5, 0.5
        float[] sampler = {0f, -1f, -1f, -1f};
        float[] learner = {-1f, -1f, (float) (Math.log(1.5) - 1), (float) (Math.log(0.5) - 1)};
        Datum d = datum(sampler, new float[] {0, 1, -1, 2}, Map.of());
        assertThat(diagnostics(LossFn.PPO, List.of(d), Map.of(), learner).get("clip_fraction:mean"))
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(diagnostics(LossFn.CISPO, List.of(d), Map.of(), learner).get("clip_fraction:mean")).isZero();
        assertThat(diagnostics(LossFn.CISPO, List.of(d), Map.of("clip_high_threshold", 1.2), learner)
                .get("clip_fraction:mean")).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void perTokenAndPerDatumThresholdsDecide() {
        float[] sampler = {-1f, -1f};
        float[] learner = {(float) (Math.log(1.5) - 1), (float) (Math.log(1.5) - 1),
                (float) (Math.log(1.5) - 1), (float) (Math.log(1.5) - 1)};
        Datum perToken = datum(sampler, new float[] {1, 1},
                Map.of("clip_high_threshold", TensorData.ofFloats(new float[] {1.4f, 1.6f})));
        Datum perDatum = datum(sampler, new float[] {1, 1}, Map.of("clip_high_threshold", TensorData.ofFloats(new float[] {2f})));
        assertThat(diagnostics(LossFn.PPO, List.of(perToken, perDatum), Map.of(), learner).get("clip_fraction:mean"))
                .isCloseTo(0.25, within(1e-12));
    }

    @Test
    void isZeroWhenNoTokenHasAnAdvantageAndAbsentForUnclippedLosses() {
        Datum d = datum(new float[] {0f, 0f}, new float[] {0, 0}, Map.of());
        assertThat(diagnostics(LossFn.PPO, List.of(d), Map.of(), new float[] {-3f, -3f}))
                .containsExactly(Map.entry("clip_fraction:mean", 0.0));
        assertThat(diagnostics(LossFn.IMPORTANCE_SAMPLING, List.of(d), Map.of(), new float[] {-3f, -3f})).isEmpty();
        assertThat(diagnostics(LossFn.DRO, List.of(d), Map.of("beta", 0.1), new float[] {-3f, -3f})).isEmpty();
    }
}
