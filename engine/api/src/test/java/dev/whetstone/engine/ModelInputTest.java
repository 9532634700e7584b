package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputTest {

    @Test
    void fromIntsKeepsTokensInOrder() {
        assertThat(ModelInput.fromInts(3, 1, 2).toInts()).containsExactly(3, 1, 2);
    }

    @Test
    void fromIntsListKeepsTokensInOrder() {
        assertThat(ModelInput.fromInts(List.of(3, 1, 2)).toInts()).containsExactly(3, 1, 2);
    }

    @Test
    void fromIntsCopiesTheCallersArray() {
        int[] tokens = {1, 2};
        ModelInput input = ModelInput.fromInts(tokens);
        tokens[0] = 99;
        assertThat(input.tokenAt(0)).isEqualTo(1);
    }

    @Test
    void toIntsReturnsACopy() {
        ModelInput input = ModelInput.fromInts(1, 2);
        input.toInts()[0] = 99;
        assertThat(input.tokenAt(0)).isEqualTo(1);
    }

    @Test
    void fromIntsRefusesNegativeTokenNamingIndexAndValue() {
        assertThatThrownBy(() -> ModelInput.fromInts(0, 5, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2")
                .hasMessageContaining("-3");
    }

    @Test
    void fromIntsListRefusesNegativeTokenNamingIndexAndValue() {
        assertThatThrownBy(() -> ModelInput.fromInts(List.of(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0")
                .hasMessageContaining("-1");
    }

    @Test
    void fromIntsListRefusesNullToken() {
        assertThatThrownBy(() -> ModelInput.fromInts(Arrays.asList(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void emptyHasLengthZero() {
        assertThat(ModelInput.empty().length()).isZero();
        assertThat(ModelInput.empty().toInts()).isEmpty();
    }

    @Test
    void lengthCountsTokens() {
        assertThat(ModelInput.fromInts(4, 5, 6).length()).isEqualTo(3);
    }

    @Test
    void tokenAtRefusesOutOfRangeIndex() {
        assertThatThrownBy(() -> ModelInput.fromInts(1).tokenAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void appendConcatenatesWithoutChangingEitherInput() {
        ModelInput a = ModelInput.fromInts(1, 2);
        ModelInput b = ModelInput.fromInts(3);
        assertThat(a.append(b).toInts()).containsExactly(1, 2, 3);
        assertThat(a.length()).isEqualTo(2);
        assertThat(b.length()).isEqualTo(1);
    }

    @Test
    void appendIntAddsOneToken() {
        assertThat(ModelInput.fromInts(1).appendInt(7).toInts()).containsExactly(1, 7);
    }

    @Test
    void appendIntRefusesNegativeToken() {
        assertThatThrownBy(() -> ModelInput.fromInts(1).appendInt(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1")
                .hasMessageContaining("-2");
    }

    @Test
    void inputsWithSameTokensAreEqual() {
        assertThat(ModelInput.fromInts(1, 2)).isEqualTo(ModelInput.fromInts(List.of(1, 2)))
                .hasSameHashCodeAs(ModelInput.fromInts(1, 2))
                .isNotEqualTo(ModelInput.fromInts(2, 1));
    }

    @Test
    void toStringShowsLengthAndOnlyTheFirstTokens() {
        String text = ModelInput.fromInts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).toString();
        assertThat(text).contains("length=10").contains("7, ...").doesNotContain("8");
    }
}
