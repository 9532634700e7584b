package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM exits cleanly while a model's device thread is inside libtorch's backward: by {@code System.exit}
 * and by SIGTERM (a {@code timeout} or Ctrl-C), the crash of {@code hs_err_pid14337.log}. Exiting runs
 * libtorch's static destructors; before the device thread's shutdown hook waited for the running step, the
 * backward read freed memory and the JVM died with SIGSEGV in {@code at::accelerator::getAccelerator}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ExitDuringBackwardTest {

    @ParameterizedTest
    @ValueSource(strings = {"exit", "terminate"})
    void theJvmExitsWithoutANativeCrashWhileABackwardRuns(String how, @TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"), "-Xmx512m", "-DOPT_OUT_TRACKING=true",
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ExitDuringBackwardProcess.class.getName(), GoldenCase.load("qwen3_tied").model().toAbsolutePath().toString(),
                dir.resolve("home").toString(), how.equals("exit") ? "exit" : "wait")
                .redirectError(log.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child reached a backward (its log: %s)", log).isEqualTo("in backward");
            if (how.equals("terminate")) {
                process.destroy();   // SIGTERM
            }
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the child exited").isTrue();

        assertThat(crashLogs(dir)).as("JVM crash logs").isEmpty();
        assertThat(Files.readString(log)).doesNotContain("SIGSEGV").doesNotContain("fatal error");
        assertThat(process.exitValue()).isEqualTo(how.equals("exit") ? 0 : 128 + 15);
    }

    private static List<Path> crashLogs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
        }
    }
}
