package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's contract for people and scripts: every command answers {@code --help}; bad input — a missing
 * or unusable file, a model folder that is not one, a home that is a file — exits 2 with one line on stderr and no
 * stack trace; lint without a model still finds what training would refuse.
 */
class CommandLineBadInputTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();
    private static final String CHAT_ROW = "{\"messages\": [{\"role\": \"user\", \"content\": \"w1 w2\"}, "
            + "{\"role\": \"assistant\", \"content\": \"w3 w4\"}]}";

    @TempDir
    Path dir;

    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(WhetstoneCommand.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("train", "runs resume", "lint", "sample");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: whetstone " + String.join(" ", path));
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name) && !"help".equals(name)) {
                List<String> child = new ArrayList<>(path);
                child.add(name);
                paths.add(child);
                collect(sub, child, paths);
            }
        });
    }

    @Test
    void aMissingOrEmptyDatasetIsBadInput() throws IOException {
        assertOneLineBadInput(CommandRun.of("lint", dir.resolve("missing.jsonl").toString()), "does not exist");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertOneLineBadInput(CommandRun.of("lint", empty.toString()), "is empty");
        assertOneLineBadInput(CommandRun.of("lint", dir.toString()), "is a folder");
        Path keys = Files.writeString(dir.resolve("keys.jsonl"), "{\"question\": \"q\", \"answer\": \"a\"}\n");
        assertOneLineBadInput(CommandRun.of("lint", keys.toString()), "rename the keys");
        Path header = Files.writeString(dir.resolve("cols.csv"), "q,a\n1,2\n");
        assertOneLineBadInput(CommandRun.of("lint", header.toString()), "call them prompt and completion");
        assertOneLineBadInput(CommandRun.of("train", "--model", MODEL, "--data", empty.toString(), "--steps", "1",
                "--home", dir.resolve("home").toString(), "--device", "cpu"), "is empty");
    }

    @Test
    void aModelFolderThatIsNotOneIsBadInput() throws IOException {
        Path data = Files.writeString(dir.resolve("chat.jsonl"), CHAT_ROW + "\n");
        assertOneLineBadInput(CommandRun.of("lint", data.toString(), "--model", dir.resolve("no-model").toString()),
                "does not exist");
        assertOneLineBadInput(CommandRun.of("train", "--model", dir.resolve("no-model").toString(), "--data", data.toString(),
                "--steps", "1", "--home", dir.resolve("home").toString(), "--device", "cpu"), "does not exist");
    }

    @Test
    void aHomeThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("home-file"), "x");
        assertOneLineBadInput(CommandRun.of("runs", "list", "--home", file.toString()), "is a file, not a folder");
        assertOneLineBadInput(CommandRun.of("doctor", "--home", file.toString(), "--device", "cpu"), "is a file, not a folder");
    }

    @Test
    void aBadFirstLineExitsLikeTheSameLineLater() throws IOException {
        Path first = Files.writeString(dir.resolve("first.jsonl"), "{broken\n" + CHAT_ROW + "\n");
        Path later = Files.writeString(dir.resolve("later.jsonl"), CHAT_ROW + "\n{broken\n");
        CommandRun a = CommandRun.of("lint", first.toString());
        CommandRun b = CommandRun.of("lint", later.toString());
        assertThat(a.code()).isEqualTo(2);
        assertThat(b.code()).isEqualTo(2);
        assertThat(a.out()).contains(first + ":1: error: not valid JSON at column 2");
        assertThat(b.out()).contains(later + ":2: error: not valid JSON at column 2");
    }

    @Test
    void lintWithoutAModelFindsRowsThatTrainNothingAndRoleTypos() throws IOException {
        Path data = Files.writeString(dir.resolve("roles.jsonl"), String.join("\n",
                CHAT_ROW,
                "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"ASSISTANT\", \"content\": \"a\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"only a question\"}]}",
                "{\"messages\": []}",
                CHAT_ROW) + "\n");
        CommandRun lint = CommandRun.of("lint", data.toString());
        assertThat(lint.code()).isEqualTo(2);
        assertThat(lint.out()).contains(data + ":2: error: messages[1].role — unknown role \"ASSISTANT\"")
                .contains(data + ":3: error: messages — the conversation has no assistant message")
                .contains(data + ":4: error: messages — the conversation is empty")
                .contains(data + ":5: warning: the same row as line 1")
                .doesNotContain("warning:  —");
    }

    @Test
    void gluedRowsAndOldMacLineEndingsLoseNothing() throws IOException {
        Path glued = Files.writeString(dir.resolve("glued.jsonl"), CHAT_ROW + CHAT_ROW.replace("w1", "w5") + "\n");
        CommandRun lint = CommandRun.of("lint", glued.toString());
        assertThat(lint.code()).isEqualTo(2);
        assertThat(lint.out()).contains(glued + ":1: error: the line holds more than one JSON value");
        Path mac = dir.resolve("mac.jsonl");
        Files.writeString(mac, CHAT_ROW + "\r" + CHAT_ROW.replace("w1", "w5") + "\r", StandardCharsets.UTF_8);
        CommandRun macLint = CommandRun.of("lint", mac.toString());
        assertThat(macLint.code()).as(macLint.out()).isZero();
        assertThat(macLint.out()).contains("2 rows read");
    }

    @Test
    void aLoneSurrogateEscapeIsTokenizedNotACrash() throws IOException {
        Path data = Files.writeString(dir.resolve("surrogate.jsonl"), CHAT_ROW.replace("w3 w4", "w3 \\ud800 w4") + "\n");
        CommandRun lint = CommandRun.of("lint", data.toString(), "--model", MODEL, "--home", dir.resolve("home").toString());
        assertThat(lint.err()).doesNotContain("Exception");
        assertThat(lint.code()).as(lint.out() + lint.err()).isZero();
    }

    /** Exit code 2 and one line from whetstone on stderr (library log lines, "[main] INFO …", are another issue's). */
    private static void assertOneLineBadInput(CommandRun run, String says) {
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        List<String> ours = run.err().lines().filter(line -> !line.startsWith("[")).toList();
        assertThat(ours).as(run.err()).singleElement().satisfies(line -> assertThat(line).startsWith("whetstone: ").contains(says));
    }
}
