package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GetInfoResponseTest {

    @Test
    void getInfoResponseRefusesLoraWithoutRank() {
        assertThatThrownBy(() -> new GetInfoResponse("run-1", "m", "Qwen3ForCausalLM", true, null, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loraRank");
    }

    @Test
    void getInfoResponseRefusesRankWithoutLora() {
        assertThatThrownBy(() -> new GetInfoResponse("run-1", "m", "Qwen3ForCausalLM", false, 8, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loraRank");
    }

    @Test
    void getInfoResponseRefusesRankBelowOne() {
        assertThatThrownBy(() -> new GetInfoResponse("run-1", "m", "Qwen3ForCausalLM", true, 0, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loraRank must be >= 1, was 0");
    }
}
