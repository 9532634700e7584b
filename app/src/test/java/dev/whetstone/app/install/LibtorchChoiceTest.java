package dev.whetstone.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.install.LibtorchChoice.Source;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibtorchChoiceTest {
    private static final InstalledApp APP = new InstalledApp(Path.of("/opt/whetstone/bin/whetstone"),
            Path.of("/opt/whetstone/lib/app/native"), "2.7.1", "cpu",
            Path.of("/opt/whetstone/lib/app/native/pytorch/2.7.1-cpu-linux-x86_64"),
            Path.of("/opt/whetstone/lib/app/native/tokenizers"), Path.of("/opt/whetstone/lib/app/native/jna"));

    @Test
    void anInstalledAppPointsDjlAtItsBundledLibtorchAndJniBridge() {
        LibtorchChoice choice = LibtorchChoice.decide(Map.of(), Optional.of(APP), false);

        assertThat(choice.source()).isEqualTo(Source.BUNDLED);
        assertThat(choice.properties()).containsEntry("PYTORCH_LIBRARY_PATH", APP.libtorchFolder().toString())
                .containsEntry("PYTORCH_VERSION", "2.7.1").containsEntry("PYTORCH_FLAVOR", "cpu")
                .containsEntry("ENGINE_CACHE_DIR", "/opt/whetstone/lib/app/native");
        assertThat(choice.description()).isEqualTo("2.7.1 cpu, bundled in " + APP.libtorchFolder());
    }

    @Test
    void theUsersPytorchVariablesWinOverTheBundle() {
        LibtorchChoice choice = LibtorchChoice.decide(Map.of("PYTORCH_LIBRARY_PATH", "/venv/torch/lib",
                "PYTORCH_FLAVOR", "cu130", "PYTORCH_VERSION", "2.11.0"), Optional.of(APP), false);

        assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.properties()).isEmpty();
        assertThat(choice.description()).isEqualTo("from your environment: PYTORCH_LIBRARY_PATH=/venv/torch/lib"
                + " PYTORCH_FLAVOR=cu130 PYTORCH_VERSION=2.11.0");
    }

    @Test
    void aFlavourAloneIsTheUsersChoiceOfDjlsDownload() {
        LibtorchChoice choice = LibtorchChoice.decide(Map.of("PYTORCH_FLAVOR", "cu128"), Optional.of(APP), false);

        assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.properties()).doesNotContainKeys("PYTORCH_LIBRARY_PATH", "ENGINE_CACHE_DIR");
    }

    @Test
    void theUsersEngineCacheIsKeptForTheBridge() {
        LibtorchChoice choice = LibtorchChoice.decide(Map.of("ENGINE_CACHE_DIR", "/data/djl"), Optional.of(APP), false);

        assertThat(choice.source()).isEqualTo(Source.BUNDLED);
        assertThat(choice.properties()).doesNotContainKey("ENGINE_CACHE_DIR");
    }

    @Test
    void aBuildFromSourceUsesTheNativeJarAndSaysWhereItUnpacks() {
        LibtorchChoice withJar = LibtorchChoice.decide(Map.of(), Optional.empty(), true);
        LibtorchChoice withoutJar = LibtorchChoice.decide(Map.of("DJL_CACHE_DIR", "/cache"), Optional.empty(), false);

        assertThat(withJar.source()).isEqualTo(Source.CLASS_PATH);
        assertThat(withJar.properties()).isEmpty();
        assertThat(withJar.description()).contains("pytorch-native-cpu jar").contains("~/.djl.ai/pytorch");
        assertThat(withoutJar.description()).contains("downloads").contains("/cache/pytorch");
    }

    @Test
    void theInstalledAppsOtherLibrariesLoadFromItsNativeFolder() {
        assertThat(APP.nativeProperties()).containsEntry("RUST_LIBRARY_PATH",
                        "/opt/whetstone/lib/app/native/tokenizers/" + System.mapLibraryName("tokenizers"))
                .containsEntry("jna.boot.library.path", "/opt/whetstone/lib/app/native/jna").containsEntry("jna.nounpack", "true");
    }

    @Test
    void applySetsTheSystemProperties() {
        String key = "whetstone.test.libtorch." + System.nanoTime();
        new LibtorchChoice(Source.BUNDLED, "test", Map.of(key, "/x")).apply();
        try {
            assertThat(System.getProperty(key)).isEqualTo("/x");
        } finally {
            System.clearProperty(key);
        }
    }
}
