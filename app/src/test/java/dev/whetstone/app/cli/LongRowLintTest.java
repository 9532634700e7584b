package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whetstone lint --model} on a row with a 3-million-character reply, with the real Qwen3 tokenizer: truncation
 * bounds the work, so it takes seconds, not the minutes it took when the whole reply was tokenized first.
 */
class LongRowLintTest {
    private static final Path QWEN3 = Path.of("../engine/api/target/fixtures/qwen3-tokenizer").toAbsolutePath().normalize();
    private static final Path CONFIG = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model/config.json");

    @Test
    void aThreeMillionCharacterReplyLintsInUnderTenSeconds(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(QWEN3.resolve("tokenizer.json")), "the build fetches the Qwen3 tokenizer (-Dskip.fixtures=true skips it)");
        Path model = Files.createDirectories(dir.resolve("qwen3"));
        Files.copy(QWEN3.resolve("tokenizer.json"), model.resolve("tokenizer.json"));
        Files.copy(QWEN3.resolve("tokenizer_config.json"), model.resolve("tokenizer_config.json"));
        Files.copy(CONFIG, model.resolve("config.json"));
        String reply = "日本語のテキスト😀 and some words, ".repeat(115_000);
        assertThat(reply.length()).isGreaterThan(3_000_000);
        Path data = Files.writeString(dir.resolve("long.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, "
                + "{\"role\": \"assistant\", \"content\": \"" + reply + "\"}]}\n");

        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        CommandRun lint = CommandRun.of("lint", data.toString(), "--model", model.toString(), "--home", dir.resolve("home").toString());
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(lint.code()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains(data + ":1: warning: truncation to 1024 tokens cuts at least");
        // CPU time, which a shared build machine's load does not inflate (wall time is printed for the record)
        assertThat(cpuSeconds).as("CPU seconds for lint --model on a 3M-character row").isLessThan(10);
        System.out.printf("lint --model of a %d-character row: %.2f s wall, %.2f s CPU%n", reply.length(), seconds, cpuSeconds);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
