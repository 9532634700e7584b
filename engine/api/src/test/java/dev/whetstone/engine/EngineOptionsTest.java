package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineOptionsTest {

    private static final Path HOME = Path.of("build/ws");

    @Test
    void defaultHomeUsesWhetstoneHomeFromTheEnvironment() {
        assertThat(EngineOptions.defaultHome(Map.of("WHETSTONE_HOME", "/data/ws"), "/home/u"))
                .isEqualTo(Path.of("/data/ws"));
    }

    @Test
    void defaultHomeFallsBackToDotWhetstoneInUserHome() {
        assertThat(EngineOptions.defaultHome(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u", ".whetstone"));
    }

    @Test
    void defaultHomeIgnoresBlankWhetstoneHome() {
        assertThat(EngineOptions.defaultHome(Map.of("WHETSTONE_HOME", "  "), "/home/u"))
                .isEqualTo(Path.of("/home/u", ".whetstone"));
    }

    @Test
    void defaultsAreAutoDeviceLibraryThreadsAndTheProcessDefaultHome() {
        EngineOptions d = EngineOptions.defaults();
        assertThat(d.device()).isEqualTo("auto");
        assertThat(d.threads()).isZero();
        assertThat(d.home()).isEqualTo(EngineOptions.defaultHome());
    }

    @Test
    void builderSetsEveryField() {
        EngineOptions o = EngineOptions.builder().home(HOME).device("cuda:1").threads(8).build();
        assertThat(o).isEqualTo(new EngineOptions(HOME, "cuda:1", 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "cpu", "cuda", "cuda:0", "cuda:12"})
    void acceptsEveryDeviceForm(String device) {
        assertThat(new EngineOptions(HOME, device, 0).device()).isEqualTo(device);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "CPU", "cuda:", "cuda:-1", "cuda:x", "mps", ""})
    void refusesUnknownDeviceNamingValueAndForms(String device) {
        assertThatThrownBy(() -> EngineOptions.builder().home(HOME).device(device).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + device + "\"")
                .hasMessageContaining("cuda:N");
    }

    @Test
    void refusesNegativeThreads() {
        assertThatThrownBy(() -> new EngineOptions(HOME, "cpu", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, or 0 for the library default, was -1");
    }

    @Test
    void refusesNullHome() {
        assertThatThrownBy(() -> new EngineOptions(null, "cpu", 0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("home");
    }
}
