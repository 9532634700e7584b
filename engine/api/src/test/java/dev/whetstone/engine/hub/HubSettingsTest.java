package dev.whetstone.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables huggingface_hub reads, read the same way. */
class HubSettingsTest {
    @TempDir
    Path home;

    @Test
    void defaultsAreThePublicHubAndTheUsersCache() {
        HubSettings settings = HubSettings.fromEnvironment(Map.of(), home);

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(settings.cache()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(settings.token()).isNull();
        assertThat(settings.offline()).isFalse();
    }

    @Test
    void endpointCacheAndOfflineComeFromTheirVariables() {
        HubSettings settings = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://hf-mirror.example/",
                "HF_HOME", "~/hf", "HF_HUB_OFFLINE", "yes"), home);

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://hf-mirror.example"));
        assertThat(settings.cache()).isEqualTo(home.resolve("hf/hub"));
        assertThat(settings.offline()).isTrue();
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", "/data/hub", "HF_HOME", "/x"), home).cache())
                .isEqualTo(Path.of("/data/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy"), home).cache())
                .isEqualTo(Path.of("/legacy"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0"), home).offline()).isFalse();
        assertThat(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1"), home).offline()).isTrue();
    }

    @Test
    void theTokenIsHfTokenElseTheLoginFile() throws IOException {
        Path tokenFile = home.resolve(".cache/huggingface/token");
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, "hf_from_login\n");

        assertThat(HubSettings.fromEnvironment(Map.of(), home).token()).isEqualTo("hf_from_login");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), home).token()).isEqualTo("hf_env");
        assertThat(HubSettings.fromEnvironment(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_old"), home).token()).isEqualTo("hf_old");
        Path elsewhere = home.resolve("tok");
        Files.writeString(elsewhere, "hf_path");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN_PATH", elsewhere.toString()), home).token()).isEqualTo("hf_path");
    }

    @Test
    void theTokenNeverShowsInText() {
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_secret"), home).toString())
                .doesNotContain("hf_secret").contains("token=set");
    }

    @Test
    void anEndpointThatIsNoWebAddressIsRefused() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "huggingface.co"), home))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
    }

    @Test
    void theAppStartsWithThePublicHubWhenTheEndpointIsMalformed() {
        List<String> problems = new ArrayList<>();

        HubSettings settings = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "huggingface.co", "HF_TOKEN", "hf_x"), home,
                problems::add);

        assertThat(settings.endpoint()).isEqualTo(URI.create(HubSettings.DEFAULT_ENDPOINT));
        assertThat(settings.token()).isEqualTo("hf_x");
        assertThat(problems).singleElement().asString().contains("huggingface.co").contains("using https://huggingface.co");
    }
}
