package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCapabilitiesTest {

    @Test
    void serverCapabilitiesCopiesArchitectures() {
        List<String> archs = new ArrayList<>(List.of("Qwen3ForCausalLM"));
        ServerCapabilities caps = new ServerCapabilities(archs, "cpu", "cpu", 1L << 30);
        archs.clear();
        assertThat(caps.supportedArchitectures()).containsExactly("Qwen3ForCausalLM");
    }

    @Test
    void serverCapabilitiesRefusesNegativeMemory() {
        assertThatThrownBy(() -> new ServerCapabilities(List.of(), "cpu", "cpu", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("totalMemoryBytes must be >= 0, was -1");
    }
}
