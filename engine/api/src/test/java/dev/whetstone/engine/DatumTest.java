package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatumTest {

    private static final ModelInput INPUT = ModelInput.fromInts(1, 2);
    private static final TensorData WEIGHTS = TensorData.ofFloats(new float[] {1, 1});

    @Test
    void inputReturnsTheNamedTensor() {
        Datum datum = new Datum(INPUT, Map.of("weights", WEIGHTS));
        assertThat(datum.input("weights")).isSameAs(WEIGHTS);
    }

    @Test
    void inputReturnsNullWhenAbsent() {
        assertThat(new Datum(INPUT, Map.of("weights", WEIGHTS)).input("advantages")).isNull();
    }

    @Test
    void singleArgumentConstructorHasNoLossInputs() {
        assertThat(new Datum(INPUT).lossFnInputs()).isEmpty();
    }

    @Test
    void copiesLossInputs() {
        Map<String, TensorData> inputs = new HashMap<>(Map.of("weights", WEIGHTS));
        Datum datum = new Datum(INPUT, inputs);
        inputs.clear();
        assertThat(datum.lossFnInputs()).containsOnlyKeys("weights");
    }

    @Test
    void lossInputsAreUnmodifiable() {
        Datum datum = new Datum(INPUT, Map.of("weights", WEIGHTS));
        assertThatThrownBy(() -> datum.lossFnInputs().put("x", WEIGHTS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNullModelInput() {
        assertThatThrownBy(() -> new Datum(null, Map.of())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("modelInput");
    }

    @Test
    void refusesNullLossInputs() {
        assertThatThrownBy(() -> new Datum(INPUT, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("lossFnInputs");
    }

    @Test
    void refusesNullLossInputValueNamingTheKey() {
        Map<String, TensorData> inputs = new HashMap<>();
        inputs.put("weights", null);
        assertThatThrownBy(() -> new Datum(INPUT, inputs)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("weights");
    }
}
