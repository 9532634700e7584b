package dev.whetstone.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run folder says about the run, rebuilt from its journal alone: status, progress, last loss.
 *
 * @param runId      the run id
 * @param baseModel  the base model
 * @param status     running-or-interrupted, paused, completed, diverged, stopped, early_stopped or failed
 * @param step       the last step with metrics
 * @param totalSteps the planned steps
 * @param lastLoss   the last step's loss, or NaN
 * @param lastEvalLoss the last evaluation loss, or NaN
 * @param started    when the run started
 */
public record RunSummary(String runId, String baseModel, String status, long step, long totalSteps, double lastLoss,
                         double lastEvalLoss, Instant started) {

    /** Summaries of every supervised run under {@code runsDir}, newest first. */
    public static List<RunSummary> list(Path runsDir) {
        List<RunSummary> runs = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (Files.isRegularFile(dir.resolve(RunJournal.RUN_FILE))) {
                    runs.add(of(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparing(RunSummary::started).reversed());
        return runs;
    }

    /** The summary of one run folder. */
    public static RunSummary of(Path dir) {
        TrainingConfig config = RunJournal.readConfig(dir);
        String status = "interrupted";
        long total = 0;
        Instant started = Instant.EPOCH;
        for (EventJournal.Entry entry : EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE))) {
            RunEvent e = entry.event();
            if (e instanceof RunEvent.RunStarted s) {
                total = s.totalSteps();
                started = entry.time();
                status = "interrupted";
            } else if (e instanceof RunEvent.RunResumed r) {
                total = r.totalSteps();
                status = "interrupted";
            } else if (e instanceof RunEvent.RunPaused) {
                status = "paused";
            } else if (e instanceof RunEvent.RunUnpaused) {
                status = "interrupted";
            } else if (e instanceof RunEvent.RunCompleted c) {
                status = c.diverged() ? "diverged" : "completed";
            } else if (e instanceof RunEvent.RunStopped) {
                status = "stopped";
            } else if (e instanceof RunEvent.EarlyStopped) {
                status = "early_stopped";
            } else if (e instanceof RunEvent.RunFailed) {
                status = "failed";
            }
        }
        long step = 0;
        double loss = Double.NaN;
        double eval = Double.NaN;
        for (JsonNode line : RunJournal.metrics(dir)) {
            if (line.has("loss")) {
                step = line.get("step").asLong();
                loss = line.get("loss").asDouble();
            }
            if (line.has("eval_loss")) {
                eval = line.get("eval_loss").asDouble();
            }
        }
        return new RunSummary(dir.getFileName().toString(), config.baseModel(), status, step, total, loss, eval, started);
    }
}
