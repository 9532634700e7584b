package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampledSequenceTest {

    private static final SampledSequence SEQ = new SampledSequence(List.of(5, 2), List.of(-0.1, -0.2), StopReason.STOP);

    @Test
    void sampledSequenceCopiesItsLists() {
        List<Integer> tokens = new ArrayList<>(List.of(5));
        List<Double> logprobs = new ArrayList<>(List.of(-0.5));
        SampledSequence seq = new SampledSequence(tokens, logprobs, StopReason.LENGTH);
        tokens.clear();
        logprobs.clear();
        assertThat(seq.tokens()).containsExactly(5);
        assertThat(seq.logprobs()).containsExactly(-0.5);
    }

    @Test
    void sampledSequenceRefusesTokensAndLogprobsOfDifferentSizes() {
        assertThatThrownBy(() -> new SampledSequence(List.of(1, 2), List.of(-0.1), StopReason.STOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 1");
    }

    @Test
    void sampledSequenceRefusesNullStopReason() {
        assertThatThrownBy(() -> new SampledSequence(List.of(), List.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stopReason");
    }

    @Test
    void sampledSequenceRefusesNegativeToken() {
        assertThatThrownBy(() -> new SampledSequence(List.of(-1), List.of(0.0), StopReason.STOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens[0]");
    }

    @Test
    void tokenArrayMatchesTokens() {
        assertThat(SEQ.tokenArray()).containsExactly(5, 2);
    }
}
