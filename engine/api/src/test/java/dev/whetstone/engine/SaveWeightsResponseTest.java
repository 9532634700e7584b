package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaveWeightsResponseTest {

    @Test
    void saveWeightsResponseRefusesNullPath() {
        assertThatThrownBy(() -> new SaveWeightsResponse(null)).isInstanceOf(NullPointerException.class);
    }
}
