package dev.whetstone.app.runs;

import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import java.nio.file.Path;

/** One run in the history: its summary, its folder and its train loss decimated for a sparkline. */
public record RunRow(RunSummary summary, Path dir, Plot sparkline) {
    /** Points in a sparkline. */
    static final int SPARK_BUCKETS = 30;

    /** Reads the row of the run in {@code dir} (on a worker). */
    static RunRow read(RunSummary summary, Path dir) {
        RunCurves curves = new RunCurves();
        curves.addAll(RunDashboardViewModel.Journal.metricLines(dir));
        return new RunRow(summary, dir, curves.lossPlot(SPARK_BUCKETS));
    }

    public String runId() {
        return summary.runId();
    }

    /** This row as {@link RunStatus#RUNNING}: its journal alone cannot tell a live run from an interrupted one. */
    RunRow running() {
        return new RunRow(summary.withStatus(RunStatus.RUNNING), dir, sparkline);
    }

    /** Whether the run can be resumed (its journal ends interrupted or paused). */
    public boolean resumable() {
        return summary.status().resumable();
    }
}
