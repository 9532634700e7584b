package dev.whetstone.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.cli.WhetstoneCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ThisProgramTest {
    @TempDir
    Path dir;

    @Test
    void anInstalledAppStartsItselfThroughItsLauncher() {
        ThisProgram installed = ThisProgram.of("/opt/whetstone/bin/whetstone", "/opt/whetstone/lib/runtime", "/opt/x.jar");

        assertThat(installed.command(List.of("-XX:+ExitOnOutOfMemoryError"), "serve", "--port", "0"))
                .containsExactly("/opt/whetstone/bin/whetstone", "serve", "--port", "0");
    }

    @Test
    void aBuildStartsItselfWithItsJavaAndClassPath() {
        ThisProgram build = ThisProgram.of(null, "/usr/lib/jvm/17", "a.jar:b.jar");

        assertThat(build.command(List.of("-XX:+ExitOnOutOfMemoryError"), "serve")).containsExactly(
                Path.of("/usr/lib/jvm/17", "bin", "java").toString(), "-XX:+ExitOnOutOfMemoryError", "-cp", "a.jar:b.jar",
                WhetstoneCommand.class.getName(), "serve");
        assertThat(build.processBuilder(List.of("-Dx=1"), "serve").environment().get(ThisProgram.TOOL_OPTIONS))
                .isEqualTo(System.getenv(ThisProgram.TOOL_OPTIONS));
    }

    /** A launcher's child gets the JVM options through JAVA_TOOL_OPTIONS, a value with spaces whole. */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theJvmALauncherStartsGetsTheOptions() throws IOException, InterruptedException {
        Path launcher = dir.resolve("whetstone");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + ThisProgram.current().javaCommand() + "' -cp '"
                + System.getProperty("java.class.path") + "' '" + Echo.class.getName() + "' \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        ThisProgram installed = ThisProgram.of(launcher.toString(), System.getProperty("java.home"), "unused.jar");

        Process child = installed.processBuilder(List.of("-Dwhetstone.test.file=" + dir.resolve("a b/c.log"), "-Dwhetstone.test.n=2"),
                "serve", "--port", "0").redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().filter(line -> !line.startsWith("Picked up"))).containsExactly(
                "file=" + dir.resolve("a b/c.log"), "n=2", "args=[serve, --port, 0]");
    }

    /** Stands in for the app behind a launcher: prints what it was given. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("file=" + System.getProperty("whetstone.test.file"));
            System.out.println("n=" + System.getProperty("whetstone.test.n"));
            System.out.println("args=" + List.of(args));
        }
    }
}
