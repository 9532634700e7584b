package dev.whetstone.app.playground;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleSettingsTest {

    @Test
    void thePanesDefaultsAreValidSamplingParams() {
        assertThat(SampleSettings.defaults().params().topK()).isEqualTo(-1);
    }

    @Test
    void aTopKOfZeroOrLessMeansNoLimitAndAPositiveOneIsKept() {
        assertThat(new SampleSettings(0.7, 0.95, -5, 64, "", 1L, 1).params().topK()).isEqualTo(-1);
        assertThat(new SampleSettings(0.7, 0.95, 40, 64, "a, b", 1L, 1).params().topK()).isEqualTo(40);
    }

    @Test
    void aTemperatureOfZeroIsGreedy() {
        var params = new SampleSettings(0.0, 0.95, 40, 8, "", 1L, 1).params();
        assertThat(params.topK()).isEqualTo(1);
        assertThat(params.temperature()).isEqualTo(1.0);
    }
}
