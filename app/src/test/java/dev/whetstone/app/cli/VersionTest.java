package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code whetstone --version}: the build's version first, then the runtime, libtorch and folders. */
class VersionTest {

    @Test
    void versionPrintsTheBuildsVersionAndWhereThingsAre() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.code()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).matches("whetstone \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.out()).contains("java:        " + Runtime.version()).contains("libtorch:    ")
                .contains("engine home: ").contains("logs:        ");
    }

    @Test
    void aSubcommandPrintsTheSameVersion() {
        // the lines are worked out once per process (picocli asks for them while it builds every subcommand)
        CommandRun root = CommandRun.of("--version");
        CommandRun doctor = CommandRun.of("doctor", "--version");

        assertThat(doctor.code()).isZero();
        assertThat(doctor.out()).isEqualTo(root.out()).startsWith("whetstone ");
    }

    @Test
    void everyCommandAnswersHelp() {
        CommandRun run = CommandRun.of("doctor", "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: whetstone doctor").contains("--home");
    }
}
