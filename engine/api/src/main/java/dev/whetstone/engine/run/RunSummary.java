package dev.whetstone.engine.run;

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
 * @param status     where the run stands by its journal ({@link RunStatus#ofJournal}: never running)
 * @param step       the last step with metrics
 * @param totalSteps the planned steps
 * @param lastLoss   the last step's loss, or NaN
 * @param lastEvalLoss the last evaluation loss, or NaN
 * @param started    when the run started
 */
public record RunSummary(String runId, String baseModel, RunStatus status, long step, long totalSteps, double lastLoss,
                         double lastEvalLoss, Instant started) {

    /** Summaries of every run under {@code runsDir} (SFT, DPO, GRPO), newest first. */
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
        List<EventJournal.Entry> events = EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE));
        long total = 0;
        Instant started = Instant.EPOCH;
        for (EventJournal.Entry entry : events) {
            if (entry.event() instanceof RunEvent.RunStarted s) {
                total = s.totalSteps();
                started = entry.time();
            } else if (entry.event() instanceof RunEvent.RunResumed r) {
                total = r.totalSteps();
            }
        }
        long step = 0;
        double loss = Double.NaN;
        double eval = Double.NaN;
        for (MetricsLine line : RunJournal.metrics(dir)) {
            if (line instanceof MetricsLine.TrainingStep s) {
                step = s.step();
                loss = s.loss();
            } else if (line instanceof MetricsLine.Eval e) {
                eval = e.evalLoss();
            }
        }
        return new RunSummary(dir.getFileName().toString(), config.baseModel(), RunStatus.ofJournal(events), step, total,
                loss, eval, started);
    }

    /** This summary with another status: a run this process follows live is {@link RunStatus#RUNNING}. */
    public RunSummary withStatus(RunStatus now) {
        return new RunSummary(runId, baseModel, now, step, totalSteps, lastLoss, lastEvalLoss, started);
    }
}
