package dev.whetstone.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings → Engine is remembered across starts; the remote key is kept apart, readable by its owner only. */
class EngineChoiceFileTest {

    @Test
    void aFirstStartUsesTheDefaultAndASavedChoiceIsReadBack(@TempDir Path home) throws Exception {
        EngineChoiceFile file = EngineChoiceFile.under(home);
        assertThat(file.choice()).isEqualTo(EngineChoiceFile.DEFAULT);

        file.save(EngineChoice.remote("http://gpu-box:8000"), "tml-abc");

        EngineChoiceFile again = EngineChoiceFile.under(home);
        assertThat(again.choice()).isEqualTo(EngineChoice.remote("http://gpu-box:8000"));
        assertThat(again.apiKey(Map.of("TINKER_API_KEY", "tml-from-env"))).isEqualTo("tml-abc");
        assertThat(Files.readString(home.resolve("app/engine.json"))).doesNotContain("tml-abc");
    }

    @Test
    void theKeyFileIsPrivateAndWithoutOneTheEnvironmentsKeyIsUsed(@TempDir Path home) throws Exception {
        EngineChoiceFile file = EngineChoiceFile.under(home);
        file.save(EngineChoice.remote("https://tinker.example"), "tml-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("app/remote-api-key"))))
                .isEqualTo("rw-------");

        file.save(EngineChoice.process(), null);

        assertThat(file.choice()).isEqualTo(EngineChoice.process());
        assertThat(home.resolve("app/remote-api-key")).doesNotExist();
        assertThat(file.apiKey(Map.of("TINKER_API_KEY", " tml-from-env \n"))).isEqualTo("tml-from-env");
        assertThat(file.apiKey(Map.of())).isNull();
    }

    @Test
    void anUnreadableFileFallsBackToTheDefault(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("app"));
        Files.writeString(home.resolve("app/engine.json"), "{\"kind\": \"REMOTE\"}");   // no URL

        assertThat(EngineChoiceFile.under(home).choice()).isEqualTo(EngineChoiceFile.DEFAULT);
    }

    @Test
    void theEngineFlagIsParsedAndABadUrlNamesTheFix() {
        assertThat(EngineChoice.parse("local")).isEqualTo(EngineChoice.inProcess());
        assertThat(EngineChoice.parse("process")).isEqualTo(EngineChoice.process());
        assertThat(EngineChoice.parse("http://127.0.0.1:8000").remoteUri().getPort()).isEqualTo(8000);
        assertThatThrownBy(() -> EngineChoice.parse("gpu-box:8000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://gpu-box:8000");
    }
}
