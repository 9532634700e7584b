package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingParamsTest {

    private static final SamplingParams D = SamplingParams.defaults();

    @Test
    void defaultsAreTinkers() {
        assertThat(D).isEqualTo(new SamplingParams(null, 1.0, -1, 1.0, null, List.of(), List.of()));
    }

    @Test
    void withersChangeOnlyTheirField() {
        SamplingParams p = D.withMaxTokens(16).withTemperature(0.7).withTopK(50).withTopP(0.9).withSeed(7L)
                .withStopStrings(List.of("\n")).withStopTokens(List.of(2));
        assertThat(p).isEqualTo(new SamplingParams(16, 0.7, 50, 0.9, 7L, List.of("\n"), List.of(2)));
    }

    @Test
    void eosStopsByDefaultAndIgnoreEosKeepsTheOtherFields() {
        assertThat(D.ignoreEos()).isFalse();
        SamplingParams p = D.withMaxTokens(16).withSeed(3L).withIgnoreEos(true).withTopK(5);
        assertThat(p).isEqualTo(new SamplingParams(16, 1.0, 5, 1.0, 3L, List.of(), List.of(), true));
    }

    @Test
    void nullMaxTokensAndSeedAreAllowed() {
        SamplingParams p = D.withMaxTokens(5).withSeed(1L).withMaxTokens(null).withSeed(null);
        assertThat(p.maxTokens()).isNull();
        assertThat(p.seed()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void refusesMaxTokensBelowOne(int maxTokens) {
        assertThatThrownBy(() -> D.withMaxTokens(maxTokens))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be >= 1 or null, was " + maxTokens);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesNonPositiveOrNonFiniteTemperature(double temperature) {
        assertThatThrownBy(() -> D.withTemperature(temperature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be > 0 and finite, was " + temperature);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2})
    void refusesTopKOtherThanMinusOneOrPositive(int topK) {
        assertThatThrownBy(() -> D.withTopK(topK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK must be -1 (no limit) or >= 1, was " + topK);
    }

    @Test
    void acceptsTopKOne() {
        assertThat(D.withTopK(1).topK()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.01, Double.NaN})
    void refusesTopPOutsideZeroExclusiveToOne(double topP) {
        assertThatThrownBy(() -> D.withTopP(topP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topP must be in (0, 1], was " + topP);
    }

    @Test
    void refusesNullStopStrings() {
        assertThatThrownBy(() -> D.withStopStrings(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stopStrings");
    }

    @Test
    void refusesNullStopTokens() {
        assertThatThrownBy(() -> D.withStopTokens(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stopTokens");
    }

    @Test
    void refusesNullStopStringNamingIndex() {
        assertThatThrownBy(() -> D.withStopStrings(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopStrings[1]");
    }

    @Test
    void refusesEmptyStopStringNamingIndex() {
        assertThatThrownBy(() -> D.withStopStrings(List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopStrings[0]");
    }

    @Test
    void refusesNegativeStopTokenNamingIndexAndValue() {
        assertThatThrownBy(() -> D.withStopTokens(List.of(1, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stopTokens[1] must be a token id >= 0, was -1");
    }

    @Test
    void refusesNullStopToken() {
        assertThatThrownBy(() -> D.withStopTokens(Arrays.asList((Integer) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopTokens[0]");
    }

    @Test
    void copiesStopLists() {
        List<String> strings = new ArrayList<>(List.of("x"));
        List<Integer> tokens = new ArrayList<>(List.of(1));
        SamplingParams p = D.withStopStrings(strings).withStopTokens(tokens);
        strings.clear();
        tokens.clear();
        assertThat(p.stopStrings()).containsExactly("x");
        assertThat(p.stopTokens()).containsExactly(1);
    }
}
