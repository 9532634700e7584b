package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.engine.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The estimate of the golden model (D 32, I 64, L 2, H 4, K 2, hd 16, V 128), worked by hand. */
class LoraMemoryEstimateTest {
    private final ModelConfig config = ModelConfig.read(GoldenModel.FOLDER.resolve("config.json"));

    @Test
    void loraParametersCoverEveryProjectionAndTheHead() {
        // per layer: q (32+64) + k,v 2×(32+32) + o (64+32) + gate,up,down 3×(32+64) = 608; ×2 layers + head (32+128)
        assertThat(LoraMemoryEstimate.loraParameters(config, 8)).isEqualTo(8L * (2 * 608 + 160));
    }

    @Test
    void partsFollowTheStatedFormula() {
        LoraMemoryEstimate e = LoraMemoryEstimate.of(config, new LoraSettings(8, 2, 64), 4);
        assertThat(e.weightBytes()).isEqualTo(config.parameterCount() * 4);
        assertThat(e.loraBytes()).isEqualTo(11_008L * 16);
        // B 2 × (L 2 × (T 64 × (10·32 + 4·64) + 2·4·64²) + 2·64·128) × 4 bytes
        assertThat(e.activationBytes()).isEqualTo(2L * (2 * (64 * 576 + 32_768) + 16_384) * 4);
        assertThat(e.totalBytes()).isEqualTo(e.weightBytes() + e.loraBytes() + e.activationBytes());
    }

    @Test
    void float16WeightsHalveTheWeights() {
        LoraSettings s = LoraSettings.defaults();
        assertThat(LoraMemoryEstimate.of(config, s, 2).weightBytes() * 2)
                .isEqualTo(LoraMemoryEstimate.of(config, s, 4).weightBytes());
    }

    @Test
    void settingsOutOfRangeNameTheValueAndRange() {
        assertThatThrownBy(() -> new LoraSettings(0, 1, 128)).hasMessage("rank must be 1 to 512, was 0");
        assertThatThrownBy(() -> new LoraSettings(8, 1, 8)).hasMessage("sequenceLength must be 16 to 131072, was 8");
        assertThatThrownBy(() -> LoraMemoryEstimate.of(config, LoraSettings.defaults(), 3))
                .hasMessageContaining("bytesPerWeight must be 2 or 4");
    }
}
