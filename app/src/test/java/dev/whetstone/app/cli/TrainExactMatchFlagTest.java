package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.TinyRun;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whetstone train --eval-exact-match FILE}: the run scores the file as it trains; a bad file is bad input. */
class TrainExactMatchFlagTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();

    @Test
    void theRunScoresTheFileAtStepZeroAndTheEndAndKeepsItInRunJson(@TempDir Path dir) {
        Path home = dir.resolve("home");
        Path data = TinyRun.dataset(dir.resolve("chat.jsonl"));
        CommandRun train = CommandRun.of("train", "--model", MODEL, "--data", data.toString(), "--steps", "4",
                "--batch-size", "4", "--rank", "4", "--lr", "1e-2", "--eval-every", "2", "--validation", "0",
                "--eval-exact-match", data.toString(), "--run-id", "scored", "--home", home.toString(), "--device", "cpu");
        assertThat(train.code()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains(ExactMatchEvaluator.METRIC + " at step 0: ").contains(ExactMatchEvaluator.METRIC + " at step 4: ");

        Path run = home.resolve("runs/scored");
        assertThat(RunJournal.scores(run, ExactMatchEvaluator.METRIC)).extracting(MetricsLine.Score::step).containsExactly(0L, 2L, 4L);
        assertThat(RunJournal.readConfig(run).evalExactMatchFile()).isEqualTo(data.toAbsolutePath().toString());
    }

    @Test
    void aBadFileExitsTwoNamingFileAndLineBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home");
        Path data = TinyRun.dataset(dir.resolve("chat.jsonl"));
        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of(Files.readAllLines(data).get(0),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"w1\"}]}"));
        CommandRun train = CommandRun.of("train", "--model", MODEL, "--data", data.toString(), "--steps", "1",
                "--eval-exact-match", bad.toString(), "--home", home.toString(), "--device", "cpu");
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains(bad + ":2").contains("no assistant message");
        assertThat(home.resolve("runs")).doesNotExist();
    }
}
