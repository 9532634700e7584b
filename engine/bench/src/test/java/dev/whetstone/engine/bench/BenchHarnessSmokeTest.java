package dev.whetstone.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on a tiny synthetic model, Whetstone alone (no Python needed): it runs, and
 * the report has the JSON fields and the Markdown table scripts read. Not a timing test.
 */
class BenchHarnessSmokeTest {

    @Test
    void tinyRunReportsEveryMetricAsJsonAndMarkdown(@TempDir Path dir) throws Exception {
        BenchSettings settings = BenchSettings.standard(ModelShape.tiny(), 1, dir, null)
                .withWorkload(2, 8, 4, 4, 2, 1, 1);
        BenchResult result = new BenchHarness(settings, line -> { }).run();
        BenchReport report = new BenchReport(result, "abc1234", "2025-01-01 00:00");

        JsonNode json = new JsonMapper().readTree(report.json());
        assertThat(json.get("size").asText()).isEqualTo("tiny");
        assertThat(json.get("ceiling_gflops").asDouble()).isPositive();
        JsonNode ours = json.get("whetstone");
        assertThat(ours.get("train_tokens_per_s").asDouble()).isPositive();
        assertThat(ours.get("steps_timed").asInt()).isEqualTo(2);
        assertThat(ours.get("mfu").asDouble()).isPositive();
        assertThat(ours.get("sample_tokens_per_s").get("1").asDouble()).isPositive();
        assertThat(ours.get("sample_tokens_per_s").get("8").asDouble()).isPositive();
        assertThat(ours.get("peak_rss_bytes").asLong()).isPositive();
        assertThat(ours.get("first_loss").asDouble()).isBetween(0.0, 2 * Math.log(ModelShape.tiny().vocab()));
        assertThat(json.has("torch")).isFalse();

        Path md = dir.resolve("BENCHMARKS.md");
        report.appendTo(md);
        assertThat(Files.readString(md)).contains("commit abc1234", "| train tokens/s |", "| sample tokens/s, 8 seq |");
    }

    @Test
    void mfuKeepsTwoDigitsWhenSmall() {
        assertThat(BenchReport.percent(0.5312)).isEqualTo("53%");
        assertThat(BenchReport.percent(0.061)).isEqualTo("6.1%");
        assertThat(BenchReport.percent(0.00041)).isEqualTo("0.04%");
    }

    @Test
    void trainFlopsFollowTheFormula() {
        ModelShape s = ModelShape.small();
        // 2·base + 3·attention + 3·lora for B=8, T=256, r=16 (see TrainFlops)
        double n = 8 * 256;
        double base = 2 * n * (4 * 786_432L + 256L * 8192);
        double attention = 4 * 4.0 * 8 * 4 * 256 * 256 * 64;
        double lora = 2 * n * 16 * 4864 * 4;
        assertThat(TrainFlops.perStep(s, 8, 256, 16)).isEqualTo(2 * base + 3 * attention + 3 * lora);
    }
}
