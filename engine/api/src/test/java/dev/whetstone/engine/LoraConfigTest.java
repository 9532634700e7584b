package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoraConfigTest {

    @Test
    void defaultsAreRank32Alpha32NoSeedEverythingTrained() {
        assertThat(LoraConfig.defaults()).isEqualTo(new LoraConfig(32, 32, null, true, true, true));
    }

    @Test
    void ofRankKeepsAlphaAt32() {
        assertThat(LoraConfig.ofRank(8)).isEqualTo(new LoraConfig(8, 32, null, true, true, true));
    }

    @Test
    void scalingIsAlphaOverRank() {
        assertThat(LoraConfig.ofRank(8).scaling()).isEqualTo(4.0);
        assertThat(LoraConfig.defaults().withAlpha(16).scaling()).isEqualTo(0.5);
    }

    @Test
    void withersChangeOnlyTheirField() {
        LoraConfig c = LoraConfig.defaults().withRank(4).withAlpha(8).withSeed(42L)
                .withTrainAttn(false).withTrainMlp(false).withTrainUnembed(true);
        assertThat(c).isEqualTo(new LoraConfig(4, 8, 42L, false, false, true));
    }

    @Test
    void withSeedNullMeansRandom() {
        assertThat(LoraConfig.defaults().withSeed(1L).withSeed(null).seed()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 4097})
    void refusesRankOutsideOneTo4096(int rank) {
        assertThatThrownBy(() -> LoraConfig.ofRank(rank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rank must be in [1, 4096], was " + rank);
    }

    @Test
    void acceptsRankBounds() {
        assertThat(LoraConfig.ofRank(1).rank()).isEqualTo(1);
        assertThat(LoraConfig.ofRank(4096).rank()).isEqualTo(4096);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesNonPositiveOrNonFiniteAlpha(double alpha) {
        assertThatThrownBy(() -> LoraConfig.defaults().withAlpha(alpha))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be > 0 and finite, was " + alpha);
    }

    @Test
    void refusesTrainingNothing() {
        assertThatThrownBy(() -> new LoraConfig(8, 32, null, false, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainAttn")
                .hasMessageContaining("trainMlp")
                .hasMessageContaining("trainUnembed");
    }

    @Test
    void acceptsTrainingOneKindOnly() {
        assertThat(new LoraConfig(8, 32, null, false, false, true).trainUnembed()).isTrue();
    }
}
