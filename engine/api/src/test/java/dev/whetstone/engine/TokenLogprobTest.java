package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenLogprobTest {

    @Test
    void tokenLogprobRefusesNegativeToken() {
        assertThatThrownBy(() -> new TokenLogprob(-1, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must be >= 0, was -1");
    }
}
