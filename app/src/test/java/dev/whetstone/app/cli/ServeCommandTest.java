package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whetstone serve} refuses an unsafe or unusable setup before it listens, with exit code 2. */
class ServeCommandTest {

    @Test
    void anyAddressButLoopbackNeedsAKey(@TempDir Path home) {
        CommandRun run = CommandRun.of("serve", "--home", home.toString(), "--host", "0.0.0.0", "--port", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).contains("--api-key-file").contains("0.0.0.0").doesNotContain("\n");
    }

    @Test
    void aKeyWithoutTheSdkPrefixIsRefused(@TempDir Path home) throws Exception {
        Path keyFile = Files.writeString(home.resolve("key"), "secret-but-not-tinker-shaped\n");

        CommandRun run = CommandRun.of("serve", "--home", home.toString(), "--port", "0", "--api-key-file", keyFile.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(keyFile.toString()).contains("tml-");
    }
}
