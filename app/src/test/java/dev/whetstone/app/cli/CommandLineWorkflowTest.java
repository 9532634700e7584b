package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned command line end to end on a tiny model: lint, train, runs, sample, export, merge, extend;
 * the files a run writes (CLI.md).
 */
class CommandLineWorkflowTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lintTrainInspectSampleExportMergeAndExtendARun(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home");
        Path data = dataset(dir.resolve("chat.jsonl"), false);
        CommandRun lint = CommandRun.of("lint", data.toString(), "--model", MODEL, "--home", home.toString());
        assertThat(lint.code()).as(lint.out()).isZero();

        CommandRun train = CommandRun.of("train", "--model", MODEL, "--data", data.toString(), "--steps", "6", "--batch-size", "4",
                "--rank", "4", "--lr", "1e-2", "--save-every", "3", "--eval-every", "3", "--run-id", "cli-run",
                "--seed", "3", "--home", home.toString(), "--device", "cpu");
        assertThat(train.code()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("run cli-run completed after 6 steps");

        Path runDir = home.resolve("runs/cli-run");
        List<JsonNode> metrics = lines(runDir.resolve("metrics.jsonl"));
        assertThat(metrics.stream().filter(m -> m.has("loss"))).hasSize(6).allSatisfy(m -> assertThat(m.fieldNames())
                .toIterable().contains("step", "loss", "lr", "grad_norm", "tokens_per_s"));
        assertThat(metrics.stream().filter(m -> m.has("eval_loss"))).isNotEmpty();
        assertThat(lines(runDir.resolve("checkpoints.jsonl"))).allSatisfy(c -> assertThat(c.fieldNames()).toIterable()
                .contains("name", "step", "state_path"));
        assertThat(lines(runDir.resolve("events.jsonl"))).allSatisfy(e -> assertThat(e.fieldNames()).toIterable()
                .contains("seq", "time", "type"));
        assertThat(runDir.resolve("run.json")).exists();

        assertThat(CommandRun.of("runs", "list", "--home", home.toString()).out()).contains("cli-run").contains("completed").contains("6/6");
        assertThat(CommandRun.of("runs", "show", "cli-run", "--home", home.toString()).out()).contains("tinker://cli-run/weights/final");

        CommandRun sample = CommandRun.of("sample", "--checkpoint", "tinker://cli-run/sampler_weights/final", "--prompt", "w1 w2",
                "--max-tokens", "4", "--seed", "1", "--num-samples", "2", "--chat", "--home", home.toString(), "--device", "cpu");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("--- sample 1").contains("--- sample 2");

        Path peft = dir.resolve("peft");
        assertThat(CommandRun.of("export", "tinker://cli-run/weights/final", "--peft", peft.toString(), "--home", home.toString()).code()).isZero();
        assertThat(peft.resolve("adapter_model.safetensors")).exists();
        Path tar = dir.resolve("adapter.tar");
        assertThat(CommandRun.of("export", "tinker://cli-run/weights/final", "--tar", tar.toString(), "--home", home.toString()).code()).isZero();
        assertThat(tar).exists();
        Path merged = dir.resolve("merged");
        assertThat(CommandRun.of("merge", "tinker://cli-run/weights/final", "--out", merged.toString(), "--home", home.toString()).code())
                .isZero();
        assertThat(merged.resolve("model.safetensors")).exists();

        CommandRun extend = CommandRun.of("runs", "extend", "cli-run", "--steps", "2", "--home", home.toString(), "--device", "cpu");
        assertThat(extend.code()).as(extend.out() + extend.err()).isZero();
        assertThat(lines(runDir.resolve("metrics.jsonl")).stream().filter(m -> m.has("loss"))).hasSize(8);
    }

    @Test
    void lintReportsEachBrokenLineAsFileLineLevelAndExitsTwo(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("broken.jsonl"), true);
        CommandRun lint = CommandRun.of("lint", data.toString(), "--model", MODEL, "--home", dir.resolve("home").toString());
        assertThat(lint.code()).isEqualTo(2);
        assertThat(lint.out()).contains(data + ":3: error:");
        CommandRun train = CommandRun.of("train", "--model", MODEL, "--data", data.toString(), "--steps", "1",
                "--home", dir.resolve("home").toString(), "--device", "cpu");
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains("blocking problems");
    }

    @Test
    void badFlagsExitTwoWithOneLine(@TempDir Path dir) {
        CommandRun noData = CommandRun.of("train", "--model", MODEL, "--home", dir.toString());
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).contains("--data");
        CommandRun badRun = CommandRun.of("runs", "show", "nope", "--home", dir.toString());
        assertThat(badRun.code()).isEqualTo(2);
        assertThat(badRun.err()).contains("no run 'nope'");
    }

    private static Path dataset(Path file, boolean broken) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (broken && i == 2) {
                rows.add("{\"messages\": [{\"role\": \"user\", \"content\": \"w1\"");   // truncated JSON
                continue;
            }
            int a = 3 + i % 5;
            rows.add("{\"messages\": [{\"role\": \"user\", \"content\": \"w" + a + " w" + (a + 1) + "\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"w" + (a + 2) + " w" + (a + 3) + "\"}]}");
        }
        Files.write(file, rows);
        return file;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
