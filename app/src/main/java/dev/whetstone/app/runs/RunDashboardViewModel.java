package dev.whetstone.app.runs;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.BatchQueue;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One run's dashboard: curves rebuilt from the run's journal files, then followed live through a
 * {@link RunHandle}; progress, the event log, the divergence banner and the run's controls. Metrics and
 * events reach the FX thread as batches, and each batch re-decimates the curves once.
 *
 * <p>Example: {@code dashboard.open(home.resolve("runs/r1"))} for a past run; {@code dashboard.follow(handle)} for a live one.
 */
public final class RunDashboardViewModel {
    /** Min-max buckets per chart: two points per bucket, about a chart's width in pixels. */
    public static final int BUCKETS = 400;

    private final Background background;
    private final RunCurves curves = new RunCurves();
    private final ObjectProperty<RunCurves.Charts> charts = new SimpleObjectProperty<>(RunCurves.Charts.EMPTY);
    private final ObjectProperty<Plot> exactMatch = new SimpleObjectProperty<>(Plot.EMPTY);
    private final StringProperty runId = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty banner = new SimpleStringProperty("");
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final Progress progress = new Progress();
    private RunHandle handle;
    private int generation;
    private long metricBatches;

    public RunDashboardViewModel(Background background) {
        this.background = Objects.requireNonNull(background, "background");
    }

    /** Shows a run from its folder alone (past, interrupted or running in another process). */
    public java.util.concurrent.CompletableFuture<Void> open(Path dir) {
        int mine = reset(dir, null);
        return background.run(() -> Journal.read(dir), loaded -> {
            if (mine == generation) {
                status.set(loaded.summary().status());
                progress.total(loaded.summary().totalSteps());
                applyEvents(loaded.events());
                applyMetrics(loaded.metrics());
            }
        }, error -> status.set("unreadable: " + error.getMessage()));
    }

    /** Follows a live run: its journal so far, then each new metrics line and event as it comes. */
    public java.util.concurrent.CompletableFuture<Void> follow(RunHandle run) {
        int mine = reset(run.dir(), run);
        live.set(true);
        status.set("running");
        BatchQueue<MetricLine> metrics = background.bridge().batches(b -> { if (mine == generation) applyMetrics(b); });
        BatchQueue<EventJournal.Entry> log = background.bridge().batches(b -> { if (mine == generation) applyEvents(b); });
        // listen before reading the file: a line in both is replaced by its later copy (Curve.add)
        return background.run(() -> {
            run.onMetrics(line -> metrics.add(MetricLine.of(line)));
            run.onEvent(log::add);
            return Journal.metricLines(run.dir());
        }, past -> { if (mine == generation) applyMetrics(past); }, error -> status.set("unreadable: " + error.getMessage()))
                .thenRun(() -> run.completion().whenComplete((outcome, error) -> background.bridge().run(() -> {
                    if (mine == generation) {
                        live.set(false);
                    }
                })));
    }

    private int reset(Path dir, RunHandle run) {
        generation++;
        handle = run;
        live.set(false);
        curves.clear();
        charts.set(RunCurves.Charts.EMPTY);
        exactMatch.set(Plot.EMPTY);
        events.clear();
        banner.set("");
        progress.reset();
        runId.set(dir.getFileName().toString());
        return generation;
    }

    /** Applies a batch of metrics lines as a live run's batch would be (benchmarks and tests; FX thread). */
    void applyForTest(List<MetricLine> lines) {
        applyMetrics(lines);
    }

    private void applyMetrics(List<MetricLine> lines) {
        metricBatches++;
        curves.addAll(lines);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).isStep()) {
                progress.at(lines.get(i));
                break;
            }
        }
        charts.set(curves.plot(BUCKETS));
        exactMatch.set(curves.exactMatchPlot());
    }

    private void applyEvents(List<EventJournal.Entry> entries) {
        for (EventJournal.Entry entry : entries) {
            RunEvent e = entry.event();
            events.add(EventText.line(entry));
            status.set(EventText.statusAfter(status.get(), e));
            if (e instanceof RunEvent.RunStarted s) {
                progress.total(s.totalSteps());
            } else if (e instanceof RunEvent.RunResumed r) {
                progress.total(r.totalSteps());
            } else if (e instanceof RunEvent.DivergenceDetected d) {
                banner.set(EventText.divergence(d));
            } else if (e instanceof RunEvent.RolledBack r) {
                banner.set(banner.get() + " Rolled back to step " + r.toStep() + ".");
            }
        }
    }

    public void pause() { controls().pause(); }

    public void resume() { controls().resume(); }

    public void stop() { controls().stop(); }

    public void stopAndSave() { controls().stopAndSave(); }

    public void saveNow() { controls().saveNow(); }

    private dev.whetstone.engine.run.RunControls controls() {
        if (handle == null) {
            throw new IllegalStateException("this run is not live in this window: nothing to control");
        }
        return handle.controls();
    }

    /** Whether the run can be resumed: not live here, and its journal ends interrupted or paused. */
    public boolean resumable() {
        return !live.get() && ("interrupted".equals(status.get()) || "paused".equals(status.get()));
    }

    public ObjectProperty<RunCurves.Charts> charts() { return charts; }

    /** Held-out exact match against step, empty when the run has no exact-match file. */
    public ObjectProperty<Plot> exactMatch() { return exactMatch; }

    public StringProperty runId() { return runId; }

    public StringProperty status() { return status; }

    public StringProperty banner() { return banner; }

    public ObservableList<String> events() { return events; }

    public BooleanProperty live() { return live; }

    public Progress progress() { return progress; }

    /** How many metric batches were applied on the FX thread since the app started (batching, in tests). */
    public long metricBatches() { return metricBatches; }

    /** Train-loss points held (before decimation). */
    public int points() { return curves.size(); }

    /** What a run folder holds, read on a worker. */
    record Journal(RunSummary summary, List<EventJournal.Entry> events, List<MetricLine> metrics) {
        static Journal read(Path dir) {
            return new Journal(RunSummary.of(dir), EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE)), metricLines(dir));
        }

        static List<MetricLine> metricLines(Path dir) {
            return RunJournal.metrics(dir).stream().map(MetricLine::of).toList();
        }
    }
}
