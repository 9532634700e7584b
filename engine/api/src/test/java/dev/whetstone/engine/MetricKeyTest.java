package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"loss:sum", "grad_norm:mean", "x:min", "x:max", "x:slack", "x:hash_unordered",
            "clock_cycle:unique"})
    void acceptsEveryTinkerReduction(String key) {
        assertThat(MetricKey.requireValid(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss", "loss:sum:mean", "a:b:c"})
    void refusesKeyWithoutExactlyOneColon(String key) {
        assertThatThrownBy(() -> MetricKey.requireValid(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one colon")
                .hasMessageContaining(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss:avg", "loss:", "loss:SUM"})
    void refusesUnknownReduction(String key) {
        assertThatThrownBy(() -> MetricKey.requireValid(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("hash_unordered");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> MetricKey.requireValid(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesEmptyName() {
        assertThatThrownBy(() -> MetricKey.requireValid(":sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
