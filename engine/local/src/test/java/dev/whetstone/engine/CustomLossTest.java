package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomLossTest {

    /** A stand-in array: these tests check the record's rules, not DJL, so no native engine is loaded. */
    private static final NDArray LOSS = (NDArray) Proxy.newProxyInstance(
            NDArray.class.getClassLoader(), new Class<?>[] {NDArray.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void keepsLossAndMetrics() {
        CustomLoss loss = new CustomLoss(LOSS, Map.of("kl:mean", 0.5));
        assertThat(loss.loss()).isSameAs(LOSS);
        assertThat(loss.metrics()).containsEntry("kl:mean", 0.5);
    }

    @Test
    void singleArgumentConstructorHasNoMetrics() {
        assertThat(new CustomLoss(LOSS).metrics()).isEmpty();
    }

    @Test
    void copiesMetrics() {
        Map<String, Double> metrics = new HashMap<>(Map.of("kl:mean", 0.5));
        CustomLoss loss = new CustomLoss(LOSS, metrics);
        metrics.clear();
        assertThat(loss.metrics()).containsOnlyKeys("kl:mean");
    }

    @Test
    void refusesNullLoss() {
        assertThatThrownBy(() -> new CustomLoss(null, Map.of())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("loss");
    }

    @Test
    void refusesMetricKeyWithoutReduction() {
        assertThatThrownBy(() -> new CustomLoss(LOSS, Map.of("kl", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kl");
    }

    @Test
    void refusesMetricKeyWithTwoColons() {
        assertThatThrownBy(() -> new CustomLoss(LOSS, Map.of("kl:a:mean", 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customLossFnIsALambda() {
        CustomLossFn fn = (data, logprobs) -> new CustomLoss(LOSS);
        assertThat(fn.apply(List.of(), List.of()).loss()).isSameAs(LOSS);
    }
}
