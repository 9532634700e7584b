package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's pinned exit codes and the doctor's report. */
class WhetstoneCommandTest {

    @Test
    void doctorReportsTheDeviceAndTheHomeAndExitsZero(@TempDir Path home) {
        CommandRun run = CommandRun.of("doctor", "--home", home.toString(), "--device", "cpu");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("device:        cpu").contains("engine home:   " + home)
                .contains("Qwen3ForCausalLM");
    }

    @Test
    void badInputPrintsOneLineNamingTheProblemAndExitsTwo(@TempDir Path home) {
        CommandRun run = CommandRun.of("doctor", "--home", home.toString(), "--device", "tpu");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).contains("\"tpu\"").contains("cuda:N").doesNotContain("\n");
    }

    @Test
    void unknownOptionExitsTwo() {
        CommandRun run = CommandRun.of("doctor", "--frobnicate");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--frobnicate");
    }

    @Test
    void appWithoutADisplaySaysWhatToDoAndExitsOne(@TempDir Path home) {
        // surefire runs with -Djava.awt.headless=true, so there is never a display here
        CommandRun run = CommandRun.of("app", "--home", home.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("no display").contains("xvfb-run");
    }

    @Test
    void noCommandWithoutADisplayPrintsTheHelp() {
        CommandRun run = CommandRun.of();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("app").contains("doctor").contains("No display found");
    }
}
