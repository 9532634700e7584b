package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder as the command line sees it after retention, a kill, or a link planted under runs/. */
class RunFilesCommandTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();
    private static final Pattern STATE_PATH = Pattern.compile("tinker://([^/]+)/weights/(\\S+)");

    @TempDir
    Path dir;

    private CommandRun train(Path home, String runId, String... more) {
        Path data = TinyRun.dataset(dir.resolve("chat.jsonl"));
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", MODEL, "--data", data.toString(),
                "--batch-size", "4", "--rank", "4", "--lr", "1e-2", "--run-id", runId, "--seed", "3", "--validation", "0",
                "--home", home.toString(), "--device", "cpu"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void runsShowListsOnlyTheCheckpointsRetentionKept() {
        Path home = dir.resolve("home");
        CommandRun trained = train(home, "pruned", "--steps", "10", "--save-every", "2", "--eval-every", "0");
        assertThat(trained.code()).as(trained.out() + trained.err()).isZero();
        CommandRun show = CommandRun.of("runs", "show", "pruned", "--home", home.toString());
        Matcher listed = STATE_PATH.matcher(show.out());
        int count = 0;
        while (listed.find()) {
            count++;
            assertThat(home.resolve("runs").resolve(listed.group(1)).resolve("weights").resolve(listed.group(2)))
                    .as(listed.group()).isDirectory();
        }
        assertThat(count).as(show.out()).isEqualTo(4);   // the last 3 periodic checkpoints and the final one
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointWasCompleteResumesFromTheStart() throws IOException {
        Path home = dir.resolve("home");
        assertThat(train(home, "early", "--steps", "2").code()).isZero();
        // what a kill -9 in the step-0 checkpoint write leaves (RunKillTest kills a real run there)
        Path run = home.resolve("runs/early");
        deleteTree(run.resolve("weights"));
        deleteTree(run.resolve("sampler_weights"));
        Files.delete(run.resolve("checkpoints.jsonl"));
        Files.delete(run.resolve("metrics.jsonl"));
        Files.createDirectories(run.resolve("weights/.tmp-000000-3f2a"));
        Files.writeString(run.resolve("weights/.tmp-000000-3f2a/adapter_model.safetensors"), "half");

        CommandRun resume = CommandRun.of("runs", "resume", "early", "--home", home.toString(), "--device", "cpu");
        assertThat(resume.code()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("run early completed after 2 steps");
        assertThat(run.resolve("weights/.tmp-000000-3f2a")).doesNotExist();
    }

    @Test
    void aRunFolderThatIsALinkOutOfTheHomeIsRefusedAndNothingIsWrittenThere() throws IOException {
        Path home = dir.resolve("home");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(home.resolve("runs"));
        Files.createSymbolicLink(home.resolve("runs/linked"), elsewhere);

        CommandRun trained = train(home, "linked", "--steps", "1");
        assertThat(trained.code()).isEqualTo(2);
        assertThat(trained.err()).contains("is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
        CommandRun resumed = CommandRun.of("runs", "resume", "linked", "--home", home.toString(), "--device", "cpu");
        assertThat(resumed.code()).isEqualTo(2);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
