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

    @Test
    void offeredModelsAreCopiedAndNullMeansNone() {
        List<String> offered = new ArrayList<>(List.of("Qwen/Qwen3-8B"));
        ServerCapabilities remote = new ServerCapabilities(List.of(), "cuda:0", "cu128", 0, offered);
        offered.clear();
        assertThat(remote.supportedModels()).containsExactly("Qwen/Qwen3-8B");
        assertThat(new ServerCapabilities(List.of(), "cpu", "cpu", 0, null).supportedModels()).isEmpty();
        assertThat(new ServerCapabilities(List.of(), "cpu", "cpu", 0).supportedModels()).isEmpty();
    }
}
