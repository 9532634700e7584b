package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossFnTest {

    @Test
    void wireNamesAreTinkers() {
        assertThat(LossFn.values()).extracting(LossFn::wireName)
                .containsExactly("cross_entropy", "importance_sampling", "ppo", "cispo", "dro");
    }

    @Test
    void fromWireNameRoundTripsEveryLoss() {
        for (LossFn fn : LossFn.values()) {
            assertThat(LossFn.fromWireName(fn.wireName())).isSameAs(fn);
        }
    }

    @Test
    void fromWireNameRefusesUnknownNameListingTheAllowedOnes() {
        assertThatThrownBy(() -> LossFn.fromWireName("CROSS_ENTROPY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CROSS_ENTROPY")
                .hasMessageContaining("cross_entropy, importance_sampling, ppo, cispo, dro");
    }

    @Test
    void fromWireNameRefusesNull() {
        assertThatThrownBy(() -> LossFn.fromWireName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
