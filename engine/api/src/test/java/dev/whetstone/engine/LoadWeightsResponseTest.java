package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadWeightsResponseTest {

    @Test
    void loadWeightsResponseRefusesNullModelId() {
        assertThatThrownBy(() -> new LoadWeightsResponse("tinker://r/weights/a", null))
                .isInstanceOf(NullPointerException.class);
    }
}
