package dev.whetstone.engine.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A reward program in Python through the command interface: its answers, and what a crash, a hang or bad output gives. */
class RewardCommandTest {
    private static final List<RewardInput> INPUTS = List.of(
            new RewardInput(JsonNodeFactory.instance.objectNode().put("answer", "a name"), "a name"),
            new RewardInput(JsonNodeFactory.instance.objectNode().put("answer", "a day"), "we eat it"));
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsPython() {
        assumeThat(onPath("python3")).as("python3 on PATH").isTrue();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static String program(String name, String source) throws IOException {
        return "python3 " + Files.writeString(dir.resolve(name), source);
    }

    @Test
    void aPythonProgramScoresEachJsonLineInOrder() throws IOException {
        String cmd = program("reward.py", """
                import json, sys
                for line in sys.stdin:
                    row = json.loads(line)
                    print(1.0 if row["completion"].strip() == row["answer"] else 0.25)
                """);
        assertThat(new RewardCommand(cmd, Duration.ofSeconds(30)).score(INPUTS)).containsExactly(1.0, 0.25);
    }

    @Test
    void aCrashSaysTheExitCodeAndShowsStderr() throws IOException {
        String cmd = program("crash.py", "import sys\nsys.stdin.read()\nraise SystemExit('no such field: answer2')\n");
        assertThatThrownBy(() -> new RewardCommand(cmd, Duration.ofSeconds(30)).score(INPUTS))
                .isInstanceOf(RewardException.class)
                .hasMessageContaining("failed with exit code 1").hasMessageContaining("no such field: answer2")
                .hasMessageContaining("Try it by hand: echo '");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangIsStoppedAtTheTimeLimit() throws IOException {
        String cmd = program("hang.py", "import time\ntime.sleep(600)\n");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new RewardCommand(cmd, Duration.ofSeconds(2)).score(INPUTS))
                .isInstanceOf(RewardException.class).hasMessageContaining("gave no answer within 2 s for 2 completions and was stopped")
                .hasMessageContaining("--reward-timeout");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    }

    @Test
    void tooFewOrUnreadableAnswersNameTheLine() throws IOException {
        String one = program("one.py", "import sys\nsys.stdin.read()\nprint(1)\n");
        assertThatThrownBy(() -> new RewardCommand(one, Duration.ofSeconds(30)).score(INPUTS))
                .hasMessageContaining("wrote 1 numbers for 2 completions");
        String words = program("words.py", "import sys\nsys.stdin.read()\nprint(1)\nprint('good')\n");
        assertThatThrownBy(() -> new RewardCommand(words, Duration.ofSeconds(30)).score(INPUTS))
                .hasMessageContaining("wrote \"good\" on output line 2, which is not a finite number");
    }
}
