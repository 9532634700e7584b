package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardBackwardOutputTest {

    private static final TensorData LOGPROBS = TensorData.ofFloats(new float[] {-0.5f});

    @Test
    void forwardBackwardOutputCopiesOutputsDeeplyAndMetrics() {
        Map<String, TensorData> perDatum = new HashMap<>(Map.of("logprobs", LOGPROBS));
        List<Map<String, TensorData>> outputs = new ArrayList<>(List.of(perDatum));
        Map<String, Double> metrics = new HashMap<>(Map.of("loss:sum", 0.5));
        ForwardBackwardOutput out = new ForwardBackwardOutput("ArrayRecord", outputs, metrics);
        perDatum.clear();
        outputs.clear();
        metrics.clear();
        assertThat(out.lossFnOutputs()).hasSize(1);
        assertThat(out.lossFnOutputs().get(0)).containsOnlyKeys("logprobs");
        assertThat(out.metrics()).containsEntry("loss:sum", 0.5);
    }

    @Test
    void forwardBackwardOutputLossReadsLossSum() {
        assertThat(new ForwardBackwardOutput("ArrayRecord", List.of(), Map.of("loss:sum", 2.5)).loss()).isEqualTo(2.5);
    }

    @Test
    void forwardBackwardOutputRefusesMetricKeyWithoutColon() {
        assertThatThrownBy(() -> new ForwardBackwardOutput("ArrayRecord", List.of(), Map.of("loss", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'loss'");
    }

    @Test
    void forwardBackwardOutputRefusesUnknownReduction() {
        assertThatThrownBy(() -> new ForwardBackwardOutput("ArrayRecord", List.of(), Map.of("loss:avg", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avg");
    }

    @Test
    void forwardBackwardOutputRefusesNullMetricValue() {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("loss:sum", null);
        assertThatThrownBy(() -> new ForwardBackwardOutput("ArrayRecord", List.of(), metrics))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("loss:sum");
    }
}
