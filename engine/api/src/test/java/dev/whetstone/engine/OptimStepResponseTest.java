package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimStepResponseTest {

    @Test
    void optimStepResponseCopiesMetrics() {
        Map<String, Double> metrics = new HashMap<>(Map.of("grad_norm:mean", 1.5));
        OptimStepResponse r = new OptimStepResponse(metrics);
        metrics.clear();
        assertThat(r.metrics()).containsEntry("grad_norm:mean", 1.5);
    }

    @Test
    void optimStepResponseRefusesBadMetricKey() {
        assertThatThrownBy(() -> new OptimStepResponse(Map.of("grad_norm", 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
