package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.LegacyRuns;
import dev.whetstone.app.TinyRun;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs list}, {@code runs show} and {@code runs resume} on run folders written by main before the run files were typed. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LegacyRunsOnTheCommandLineTest {
    @TempDir
    Path home;

    @Test
    void runsListAndShowReadOldRunFolders() {
        LegacyRuns.install(home);
        CommandRun list = CommandRun.of("runs", "list", "--home", home.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("finished\\s+completed\\s+6/6")
                .containsPattern("branched\\s+completed\\s+6/6")
                .containsPattern("paused\\s+paused\\s+4/30")
                .containsPattern("interrupted\\s+interrupted\\s+5/30");

        CommandRun show = CommandRun.of("runs", "show", "finished", "--home", home.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("status:     completed", "step:       6 / 6",
                "step 3  tinker://finished/weights/000003", "step 6  tinker://finished/weights/final", "\"engine_version\" : \"0.1.0\"");
    }

    @Test
    void runsResumeContinuesAnOldInterruptedRunAndWarnsOfNothingItCannotCompare() {
        LegacyRuns.install(home);
        CommandRun resume = CommandRun.of("runs", "resume", "interrupted", "--home", home.toString(), "--device", "cpu");
        assertThat(resume.code()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("run interrupted completed after 30 steps");
        assertThat(resume.err()).doesNotContain("warning");
        assertThat(RunSummary.of(home.resolve("runs/interrupted")).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void runsExtendWarnsWhenTheDatasetChangedSinceTheRunBeganAndGoesOn() throws IOException {
        TinyRun.complete(home, "tiny", 3);
        Path data = home.resolve("data/chat.jsonl");
        Files.writeString(data, Files.readString(data) + Files.readAllLines(data).get(0) + "\n");
        CommandRun extend = CommandRun.of("runs", "extend", "tiny", "--steps", "1", "--home", home.toString(), "--device", "cpu");
        assertThat(extend.code()).as(extend.out() + extend.err()).isZero();
        assertThat(extend.err()).contains("warning: the dataset " + data.toAbsolutePath() + " changed since the run began");
        assertThat(extend.out()).contains("run tiny completed after 4 steps");
    }
}
