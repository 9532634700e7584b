package dev.whetstone.app.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pane's settings as the engine's {@link SamplingParams}: the pane's defaults must be accepted as they are. */
class SampleSettingsTest {

    @Test
    void thePanesDefaultsAreValidEngineParamsWithTopKOff() {
        SamplingParams params = SampleSettings.defaults().params();
        assertThat(params.topK()).isEqualTo(-1);
        assertThat(params.temperature()).isEqualTo(0.7);
        assertThat(params.maxTokens()).isEqualTo(64);
    }

    @Test
    void temperatureZeroIsGreedy() {
        SamplingParams params = new SampleSettings(0.0, 0.95, 0, 8, "a, ,b", 3L, 1).params();
        assertThat(params.topK()).isEqualTo(1);
        assertThat(params.temperature()).isEqualTo(1.0);
        assertThat(params.stopStrings()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aTopKGivenIsKept() {
        assertThat(new SampleSettings(0.7, 1.0, 40, 8, "", null, 1).params().topK()).isEqualTo(40);
    }

    @Test
    void anOutOfRangeTopPIsRefusedWithItsName() {
        assertThatThrownBy(() -> new SampleSettings(0.7, 0.0, 0, 8, "", null, 1).params())
                .hasMessageContaining("topP must be in (0, 1]");
    }
}
