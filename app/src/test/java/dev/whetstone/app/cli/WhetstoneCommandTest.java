package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's pinned exit codes and the doctor's report. */
class WhetstoneCommandTest {

    @Test
    void doctorReportsTheDeviceAndTheHomeAndExitsZero(@TempDir Path home) {
        Captured run = capture("doctor", "--home", home.toString(), "--device", "cpu");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("device:        cpu").contains("engine home:   " + home)
                .contains("Qwen3ForCausalLM");
    }

    @Test
    void badInputPrintsOneLineNamingTheProblemAndExitsTwo(@TempDir Path home) {
        Captured run = capture("doctor", "--home", home.toString(), "--device", "tpu");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip()).contains("\"tpu\"").contains("cuda:N").doesNotContain("\n");
    }

    @Test
    void unknownOptionExitsTwo() {
        Captured run = capture("doctor", "--frobnicate");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--frobnicate");
    }

    @Test
    void appWithoutADisplaySaysWhatToDoAndExitsOne(@TempDir Path home) {
        // surefire runs with -Djava.awt.headless=true, so there is never a display here
        Captured run = capture("app", "--home", home.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("no display").contains("xvfb-run");
    }

    @Test
    void noCommandWithoutADisplayPrintsTheHelp() {
        Captured run = capture();
        assertThat(run.code).isZero();
        assertThat(run.out).contains("app").contains("doctor").contains("No display found");
    }

    private record Captured(int code, String out, String err) {
    }

    private static Captured capture(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = WhetstoneCommand.run(args);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
