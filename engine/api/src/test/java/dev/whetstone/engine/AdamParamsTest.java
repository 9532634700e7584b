package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamParamsTest {

    private static final AdamParams D = AdamParams.defaults();

    @Test
    void defaultsAreTinkers() {
        assertThat(D).isEqualTo(new AdamParams(1e-4, 0.9, 0.95, 1e-12, 0.0, 0.0));
    }

    @Test
    void withersChangeOnlyTheirField() {
        AdamParams p = D.withLearningRate(2e-4).withBeta1(0.8).withBeta2(0.999).withEps(1e-8)
                .withWeightDecay(0.01).withGradClipNorm(1.0);
        assertThat(p).isEqualTo(new AdamParams(2e-4, 0.8, 0.999, 1e-8, 0.01, 1.0));
    }

    @Test
    void adamParamsRefusesNegativeLearningRateNamingValueAndRange() {
        assertThatThrownBy(() -> D.withLearningRate(-1e-4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learningRate must be > 0 and finite, was -1.0E-4");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void adamParamsRefusesZeroNaNOrInfiniteLearningRate(double lr) {
        assertThatThrownBy(() -> D.withLearningRate(lr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void adamParamsRefusesBeta1OutsideZeroToOne(double beta) {
        assertThatThrownBy(() -> D.withBeta1(beta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beta1 must be in [0, 1), was " + beta);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
    void adamParamsRefusesBeta2OutsideZeroToOne(double beta) {
        assertThatThrownBy(() -> D.withBeta2(beta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beta2 must be in [0, 1), was " + beta);
    }

    @Test
    void adamParamsAcceptsZeroBetas() {
        assertThat(D.withBeta1(0).withBeta2(0).beta1()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY})
    void adamParamsRefusesNonPositiveOrNonFiniteEps(double eps) {
        assertThatThrownBy(() -> D.withEps(eps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eps must be > 0 and finite, was " + eps);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, Double.NaN, Double.POSITIVE_INFINITY})
    void adamParamsRefusesNegativeOrNonFiniteWeightDecay(double wd) {
        assertThatThrownBy(() -> D.withWeightDecay(wd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weightDecay must be >= 0 and finite, was " + wd);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void adamParamsRefusesNegativeOrNonFiniteGradClipNorm(double clip) {
        assertThatThrownBy(() -> D.withGradClipNorm(clip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradClipNorm must be >= 0 and finite, was " + clip);
    }

    @Test
    void adamParamsAcceptsZeroWeightDecayAndClipNorm() {
        assertThat(D.withWeightDecay(0).withGradClipNorm(0).gradClipNorm()).isZero();
    }
}
