package dev.whetstone.engine.local.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call-time checks of the RL losses' inputs and config: each refusal names the datum, field and value. */
class BatchValidatorTest {
    private static final int VOCAB = 50;
    private final BatchValidator validator = new BatchValidator(VOCAB, 64);

    /** A 4-token datum with target_tokens, logprobs and advantages, plus {@code extra} inputs. */
    private static Datum rl(Map<String, TensorData> extra) {
        Map<String, TensorData> inputs = new HashMap<>(Map.of(
                "target_tokens", TensorData.ofLongs(new long[] {1, 2, 3, 4}),
                "logprobs", TensorData.ofFloats(new float[] {0, -1.2f, -0.7f, -2.1f}),
                "advantages", TensorData.ofFloats(new float[] {0, 0.5f, 0.5f, 0.5f})));
        inputs.putAll(extra);
        return new Datum(ModelInput.fromInts(5, 6, 7, 8), inputs);
    }

    private static Datum rl() {
        return rl(Map.of());
    }

    @Test
    void fillsConfigDefaultsAndKeepsOverrides() {
        assertThat(validator.validate(List.of(rl()), LossFn.PPO, Map.of()))
                .containsEntry("clip_low_threshold", 0.8).containsEntry("clip_high_threshold", 1.2);
        assertThat(validator.validate(List.of(rl()), LossFn.CISPO, Map.of("clip_high_threshold", 5.0)))
                .containsEntry("clip_low_threshold", 0.0).containsEntry("clip_high_threshold", 5.0);
        assertThat(validator.validate(List.of(rl()), LossFn.DRO, Map.of("beta", 0.05))).containsEntry("beta", 0.05);
        assertThat(validator.validate(List.of(rl()), LossFn.IMPORTANCE_SAMPLING, null)).isEmpty();
    }

    @Test
    void unknownConfigKeyIsRefusedWithTheAllowedKeys() {
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.PPO, Map.of("clip_epsilon", 0.2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'clip_epsilon' is not used by ppo").hasMessageContaining("clip_low_threshold");
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.IMPORTANCE_SAMPLING, Map.of("beta", 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed keys: none");
    }

    @Test
    void nonFiniteConfigValueIsRefused() {
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.PPO, Map.of("clip_low_threshold", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'clip_low_threshold' must be a finite number, was NaN");
    }

    @Test
    void droWithoutBetaIsRefused() {
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.DRO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dro needs lossFnConfig 'beta'");
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.DRO, Map.of("beta", 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'beta' must be > 0, was 0.0");
    }

    @Test
    void lowThresholdAboveHighIsRefused() {
        assertThatThrownBy(() -> validator.validate(List.of(rl()), LossFn.PPO, Map.of("clip_low_threshold", 1.3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'clip_low_threshold' (1.3) must be <= 'clip_high_threshold' (1.2)");
        Datum crossed = rl(Map.of("clip_low_threshold", TensorData.ofFloats(new float[] {0.8f, 0.8f, 1.5f, 0.8f})));
        assertThatThrownBy(() -> validator.validate(List.of(rl(), crossed), LossFn.PPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[1] position 2 has clip_low_threshold 1.5 > clip_high_threshold 1.2");
    }

    @Test
    void missingInputIsRefusedNamingDatumAndField() {
        Datum noAdvantages = new Datum(ModelInput.fromInts(5, 6), Map.of(
                "target_tokens", TensorData.ofLongs(new long[] {1, 2}), "logprobs", TensorData.ofFloats(new float[] {0, 0})));
        assertThatThrownBy(() -> validator.validate(List.of(rl(), noAdvantages), LossFn.IMPORTANCE_SAMPLING, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[1].lossFnInputs needs 'advantages'").hasMessageContaining("importance_sampling");
    }

    @Test
    void inputTheLossDoesNotUseIsRefused() {
        Datum withWeights = rl(Map.of("weights", TensorData.ofFloats(new float[] {1, 1, 1, 1})));
        assertThatThrownBy(() -> validator.validate(List.of(withWeights), LossFn.PPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[0].lossFnInputs has 'weights', which ppo does not use");
        Datum withThreshold = rl(Map.of("clip_low_threshold", TensorData.ofFloats(new float[] {0.5f})));
        assertThatThrownBy(() -> validator.validate(List.of(withThreshold), LossFn.DRO, Map.of("beta", 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'clip_low_threshold', which dro does not use");
    }

    @Test
    void wrongShapeIsRefusedNamingDatumFieldAndShapes() {
        Datum shortAdvantages = rl(Map.of("advantages", TensorData.ofFloats(new float[] {1, 1, 1})));
        assertThatThrownBy(() -> validator.validate(List.of(shortAdvantages), LossFn.CISPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[0].advantages has shape [3] but target_tokens has [4]");
        Datum intLogprobs = rl(Map.of("logprobs", TensorData.ofLongs(new long[] {0, 0, 0, 0})));
        assertThatThrownBy(() -> validator.validate(List.of(intLogprobs), LossFn.CISPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data[0].logprobs must be FLOAT32, was INT64");
    }

    @Test
    void nonFiniteInputIsRefusedNamingTheCell() {
        Datum nan = rl(Map.of("logprobs", TensorData.ofFloats(new float[] {0, Float.NEGATIVE_INFINITY, 0, 0})));
        assertThatThrownBy(() -> validator.validate(List.of(nan), LossFn.IMPORTANCE_SAMPLING, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data[0].logprobs[1] = -Infinity must be finite");
    }

    @Test
    void thresholdsMayBePerTokenOrOnePerDatumButNothingElse() {
        Datum perToken = rl(Map.of("clip_high_threshold", TensorData.ofFloats(new float[] {1.1f, 1.2f, 1.3f, 1.4f})));
        Datum perDatum = rl(Map.of("clip_low_threshold", TensorData.ofFloats(new float[] {0.7f}),
                "clip_high_threshold", TensorData.ofFloats(new float[] {1.5f})));
        validator.validate(List.of(perToken, perDatum), LossFn.PPO, Map.of());
        Datum twoValues = rl(Map.of("clip_low_threshold", TensorData.ofFloats(new float[] {0.7f, 0.7f})));
        assertThatThrownBy(() -> validator.validate(List.of(twoValues), LossFn.CISPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[0].clip_low_threshold has shape [2] but target_tokens has [4]")
                .hasMessageContaining("or be [1] for one value per datum");
        Datum oneAdvantage = rl(Map.of("advantages", TensorData.ofFloats(new float[] {1f})));
        assertThatThrownBy(() -> validator.validate(List.of(oneAdvantage), LossFn.PPO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data[0].advantages has shape [1]");
    }

    @Test
    void multipleTargetsPerPositionOnlyForCrossEntropyAndImportanceSampling() {
        Datum nk = new Datum(ModelInput.fromInts(5, 6), Map.of(
                "target_tokens", TensorData.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3),
                "logprobs", TensorData.ofFloats(new float[6], 2, 3),
                "advantages", TensorData.ofFloats(new float[6], 2, 3)));
        validator.validate(List.of(nk), LossFn.IMPORTANCE_SAMPLING, Map.of());
        for (LossFn fn : List.of(LossFn.PPO, LossFn.CISPO, LossFn.DRO)) {
            Map<String, Double> config = fn == LossFn.DRO ? Map.of("beta", 0.1) : Map.of();
            assertThatThrownBy(() -> validator.validate(List.of(rl(), nk), fn, config))
                    .as(fn.wireName())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("data[1].target_tokens has shape [2, 3], but " + fn.wireName()
                            + " takes one target per position, shape (2,)");
        }
    }
}
