package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.ModelConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link KvCache}: in-place writes, a shared prompt broadcast to every row, growth that keeps what was written. */
class KvCacheTest {
    private static final ModelConfig CONFIG = ModelConfig.read(Path.of("src/test/resources/golden/qwen3_tied/model/config.json"));
    private static final int K = CONFIG.numKvHeads();
    private static final int HD = CONFIG.headDim();

    private static NDArray filled(NDManager m, int batch, int length, float value) {
        return m.full(new Shape(batch, K, length, HD), value);   // [b, K, T, hd]
    }

    @Test
    void aOneRowPrefillIsSharedByEveryRowAndStepsWriteAfterIt() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); KvCache cache = new KvCache(m, CONFIG, 3, 10, 10)) {
            cache.write(0, 0, filled(m, 1, 4, 1f), filled(m, 1, 4, 2f));
            cache.write(0, 4, filled(m, 3, 1, 5f), filled(m, 3, 1, 6f));
            NDArray keys = cache.keys(0, 5);
            assertThat(keys.getShape()).isEqualTo(new Shape(3, K, 5, HD));
            assertThat(keys.get(":, :, :4").toFloatArray()).containsOnly(1f);
            assertThat(keys.get(":, :, 4").toFloatArray()).containsOnly(5f);
            assertThat(cache.values(0, 5).get(":, :, 4").toFloatArray()).containsOnly(6f);
        }
    }

    @Test
    void growingDoublesUpToMaxLengthAndKeepsEarlierPositions() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); KvCache cache = new KvCache(m, CONFIG, 2, 20, 4)) {
            assertThat(cache.capacity()).isEqualTo(4);
            for (int p = 0; p < 20; p++) {
                cache.write(1, p, filled(m, 2, 1, p), filled(m, 2, 1, -p));
                assertThat(cache.capacity()).isIn(4, 8, 16, 20);
            }
            float[] keys = cache.keys(1, 20).get("0, 0, :, 0").toFloatArray();
            for (int p = 0; p < 20; p++) {
                assertThat(keys[p]).isEqualTo(p);
            }
            assertThat(cache.bytes()).isEqualTo(2L * CONFIG.numLayers() * 2 * K * 20 * HD * Float.BYTES);
            assertThatThrownBy(() -> cache.write(1, 20, filled(m, 2, 1, 0f), filled(m, 2, 1, 0f)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
