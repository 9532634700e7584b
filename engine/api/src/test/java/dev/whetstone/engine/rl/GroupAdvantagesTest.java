package dev.whetstone.engine.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {

    @Test
    void advantagesAreRewardsMinusTheGroupMean() {
        assertThat(GroupAdvantages.of(new double[] {1, 0, 0, 1}, false)).containsExactly(0.5, -0.5, -0.5, 0.5);
    }

    @Test
    void normalizedAdvantagesDivideByTheUnbiasedStd() {
        double std = Math.sqrt(1.0 / 3);   // rewards {1, 0, 0, 1}: squared deviations 4 × 0.25, over n − 1 = 3
        assertThat(GroupAdvantages.of(new double[] {1, 0, 0, 1}, true))
                .containsExactly(new double[] {0.5 / (std + 1e-4), -0.5 / (std + 1e-4), -0.5 / (std + 1e-4), 0.5 / (std + 1e-4)}, within(1e-12));
    }

    @Test
    void aGroupWhoseRewardsAreAllEqualHasNoSignal() {
        assertThat(GroupAdvantages.hasSignal(new double[] {0.3, 0.3, 0.3})).isFalse();
        assertThat(GroupAdvantages.of(new double[] {0.3, 0.3, 0.3}, true)).containsOnly(0.0);
    }
}
