package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whetstone bench} on a tiny model: the last line is JSON and the table goes to the report file. Not timed. */
class BenchCommandTest {

    @Test
    void tinyBenchEndsWithJsonAndAppendsTheTable(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("BENCHMARKS.md");
        CommandRun run = CommandRun.of("bench", "--home", dir.toString(), "--device", "cpu", "--size", "tiny",
                    "--no-torch", "--threads", "1", "--rounds", "1", "--steps-per-round", "1", "--sample-rounds", "1",
                    "--batch", "2", "--tokens", "8", "--prompt-tokens", "4", "--new-tokens", "4",
                    "--report", report.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        JsonNode json = new JsonMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("size").asText()).isEqualTo("tiny");
        assertThat(json.get("threads").asInt()).isEqualTo(1);
        assertThat(json.get("whetstone").get("train_tokens_per_s").asDouble()).isPositive();
        assertThat(Files.readString(report)).contains("| train tokens/s |");
    }
}
