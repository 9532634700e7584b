package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whetstone train --method dpo|grpo} on the golden tiny model, and bad method flags as bad input. */
class TrainMethodFlagsTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();

    private static Path pairs(Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add("{\"prompt\": \"w" + i + "\", \"chosen\": \"w" + (i + 1) + "\", \"rejected\": \"w" + (i + 5) + "\"}");
        }
        return Files.write(dir.resolve("pairs.jsonl"), rows);
    }

    @Test
    void dpoFromTheCommandLineWritesADpoRun(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home");
        CommandRun train = CommandRun.of("train", "--method", "dpo", "--model", MODEL, "--data", pairs(dir).toString(),
                "--beta", "0.2", "--steps", "3", "--batch-size", "4", "--rank", "4", "--lr", "1e-2", "--validation", "0.25",
                "--eval-every", "3", "--run-id", "pref", "--home", home.toString(), "--device", "cpu");
        assertThat(train.code()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("accuracy").contains("eval/preference_accuracy at step 0: ");
        TrainingConfig config = RunJournal.readConfig(home.resolve("runs/pref"));
        assertThat(config.objective()).isEqualTo(TrainingConfig.Objective.DPO);
        assertThat(config.dpo().beta()).isEqualTo(0.2);
    }

    @Test
    void grpoWithARewardProgramFromTheCommandLine(@TempDir Path dir) throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/python3"))).as("python3").isTrue();
        Path home = dir.resolve("home");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add("{\"prompt\": \"w" + i + " w" + (i + 1) + "\", \"answer\": \"w" + (i + 2) + "\"}");
        }
        Path prompts = Files.write(dir.resolve("prompts.jsonl"), rows);
        Path reward = Files.writeString(dir.resolve("reward.py"), """
                import json, sys
                for line in sys.stdin:
                    row = json.loads(line)
                    print(len(set(row["completion"].split()) & {row["answer"], "w1"}))
                """);
        CommandRun train = CommandRun.of("train", "--method", "grpo", "--model", MODEL, "--data", prompts.toString(),
                "--reward-command", "/usr/bin/python3 " + reward, "--group-size", "4", "--max-tokens", "4", "--steps", "2",
                "--batch-size", "3", "--rank", "4", "--validation", "0", "--run-id", "rl", "--home", home.toString(), "--device", "cpu");
        assertThat(train.code()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("reward ");
        List<MetricsLine> steps = RunJournal.metrics(home.resolve("runs/rl")).stream()
                .filter(m -> m instanceof MetricsLine.GrpoStep).toList();
        assertThat(steps).extracting(MetricsLine::step).containsExactly(1L, 2L);
        assertThat(RunJournal.readConfig(home.resolve("runs/rl")).grpo().rewardCommand()).contains("reward.py");
    }

    @Test
    void methodFlagsWithTheWrongMethodOrAWrongFileAreBadInput(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home");
        CommandRun sftWithReward = CommandRun.of("train", "--model", MODEL, "--data", pairs(dir).toString(), "--reward", "json",
                "--home", home.toString());
        assertThat(sftWithReward.code()).isEqualTo(2);
        assertThat(sftWithReward.err()).contains("GRPO settings: add --method grpo");
        CommandRun grpoWithoutReward = CommandRun.of("train", "--method", "grpo", "--model", MODEL, "--data", pairs(dir).toString(),
                "--home", home.toString());
        assertThat(grpoWithoutReward.code()).isEqualTo(2);
        assertThat(grpoWithoutReward.err()).contains("--method grpo needs a reward");
        CommandRun sftOnPairs = CommandRun.of("train", "--model", MODEL, "--data", pairs(dir).toString(), "--steps", "1",
                "--home", home.toString(), "--device", "cpu");
        assertThat(sftOnPairs.code()).isEqualTo(2);
        assertThat(sftOnPairs.err()).contains("holds preference pairs").contains("--method dpo");
        CommandRun badReward = CommandRun.of("train", "--method", "grpo", "--reward", "exact:answer", "--model", MODEL,
                "--data", pairs(dir).toString(), "--home", home.toString());
        assertThat(badReward.code()).isEqualTo(2);
        assertThat(badReward.err()).contains("unknown reward 'exact:answer'");
        assertThat(home.resolve("runs")).doesNotExist();
    }
}
