package dev.whetstone.app.runs;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.BatchQueue;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * {@link RunHandle}; progress, the event log, the divergence banner and the run's controls. Metric lines
 * go to a {@link ChartDecimator}, which keeps and decimates the curves on a worker, so that the FX thread
 * only receives finished plots of at most {@code 2 * BUCKETS} points a series; events reach the FX thread
 * as batches.
 *
 * <p>Example: {@code dashboard.open(home.resolve("runs/r1"))} for a past run; {@code dashboard.follow(handle)} for a live one.
 */
public final class RunDashboardViewModel {
    /**
     * Min-max buckets per chart: two points per bucket, 400 points, about the plot width of a dashboard chart
     * in pixels (four charts in two columns); more points than pixels only cost the FX thread layout time.
     */
    public static final int BUCKETS = 200;
    /** The shortest time between two chart updates of a live run: at most 5 a second reach the FX thread. */
    public static final Duration FRAME_INTERVAL = Duration.ofMillis(200);

    private final Background background;
    private final ChartDecimator decimator;
    private final ObjectProperty<RunCurves.Charts> charts = new SimpleObjectProperty<>(RunCurves.Charts.EMPTY);
    private final ObjectProperty<Plot> exactMatch = new SimpleObjectProperty<>(Plot.EMPTY);
    private final StringProperty runId = new SimpleStringProperty("");
    private final ObjectProperty<RunStatus> status = new SimpleObjectProperty<>();
    private final StringProperty banner = new SimpleStringProperty("");
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final Progress progress = new Progress();
    private RunHandle handle;
    private int generation;
    private int points;

    /**
     * A dashboard whose curves are kept and decimated on {@code chartWorker}, a thread of its own (it waits
     * there between frames), with at most one chart update per {@code frameInterval} ({@link #FRAME_INTERVAL}
     * in the app; zero in tests that run everything on one thread).
     */
    public RunDashboardViewModel(Background background, Executor chartWorker, Duration frameInterval) {
        this.background = Objects.requireNonNull(background, "background");
        this.decimator = new ChartDecimator(chartWorker, background.bridge(), BUCKETS, frameInterval, this::show);
    }

    /** Shows a run from its folder alone (past, interrupted or running in another process). */
    public CompletableFuture<Void> open(Path dir) {
        int mine = reset(dir, null);
        return background.run(() -> {
            Journal loaded = Journal.read(dir);
            decimator.add(mine, loaded.metrics());
            return loaded;
        }, loaded -> {
            if (mine == generation) {
                progress.total(loaded.summary().totalSteps());
                applyEvents(loaded.events());
                // after the events: a journal that ends running is a run killed mid-way, interrupted
                status.set(loaded.summary().status());
            }
        }, this::unreadable);
    }

    /** Follows a live run: its journal so far, then each new metrics line and event as it comes. */
    public CompletableFuture<Void> follow(RunHandle run) {
        LiveLines metrics = watch(run.dir(), run);
        int mine = generation;
        BatchQueue<EventJournal.Entry> log = background.bridge().batches(b -> { if (mine == generation) applyEvents(b); });
        // listen before reading the file: LiveLines hands the file's lines on first
        return background.run(() -> {
            run.onMetrics(line -> {
                MetricLine charted = MetricLine.of(line);
                if (charted != null) {
                    metrics.add(charted);
                }
            });
            run.onEvent(log::add);
            metrics.startWith(Journal.metricLines(run.dir()));
            return null;
        }, nothing -> { }, this::unreadable)
                .thenRun(() -> run.completion().whenComplete((outcome, error) -> background.bridge().run(() -> {
                    if (mine == generation) {
                        live.set(false);
                    }
                })));
    }

    /**
     * Starts showing a live run (FX thread): the returned lines, fed from the run's thread, reach the charts
     * through the decimator. {@link #follow} feeds it from a {@link RunHandle}; the FX-thread benchmark feeds it directly.
     */
    LiveLines watch(Path dir, RunHandle run) {
        int mine = reset(dir, run);
        live.set(true);
        status.set(RunStatus.RUNNING);
        return new LiveLines(lines -> decimator.add(mine, lines));
    }

    private int reset(Path dir, RunHandle run) {
        generation++;
        handle = run;
        live.set(false);
        points = 0;
        charts.set(RunCurves.Charts.EMPTY);
        exactMatch.set(Plot.EMPTY);
        events.clear();
        status.set(null);
        banner.set("");
        engineLost = false;
        progress.reset();
        runId.set(dir.getFileName().toString());
        return generation;
    }

    private void show(ChartDecimator.Frame frame) {
        if (frame.generation() != generation) {
            return;   // decimated for a run no longer shown
        }
        points = frame.points();
        if (frame.lastStep() != null) {
            progress.at(frame.lastStep());
        }
        charts.set(frame.charts());
        if (!frame.charts().exactMatch().sameAs(exactMatch.get())) {
            exactMatch.set(frame.charts().exactMatch());   // a few points, only when a score arrives
        }
    }

    /** Whether the last engine event was a loss, so the next resume is told in the banner. */
    private boolean engineLost;

    private void applyEvents(List<EventJournal.Entry> entries) {
        for (EventJournal.Entry entry : entries) {
            RunEvent e = entry.event();
            events.add(EventText.line(entry));
            status.set(status.get() == null ? RunStatus.INTERRUPTED.after(e) : status.get().after(e));
            if (e instanceof RunEvent.RunStarted s) {
                progress.total(s.totalSteps());
            } else if (e instanceof RunEvent.RunResumed r) {
                progress.total(r.totalSteps());
                if (engineLost) {
                    banner.set(banner.get() + " Resumed at step " + r.fromStep() + " on the new engine.");
                    engineLost = false;
                }
            } else if (e instanceof RunEvent.EngineLost lost) {
                banner.set(EventText.describe(lost));
                engineLost = true;
            } else if (e instanceof RunEvent.DivergenceDetected d) {
                banner.set(EventText.divergence(d));
            } else if (e instanceof RunEvent.RolledBack r) {
                banner.set(banner.get() + " Rolled back to step " + r.toStep() + ".");
            } else if (e instanceof RunEvent.RunPaused p && p.reason() != null && p.reason().startsWith("the reward failed")) {
                banner.set("Paused at step " + p.step() + ", saved: " + p.reason() + " Fix the reward, then Continue.");
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
        return !live.get() && status.get() != null && status.get().resumable();
    }

    /** Shows why the run folder could not be read, in the banner. */
    private void unreadable(Throwable error) {
        status.set(null);
        banner.set("This run could not be read: " + error.getMessage());
    }

    public ObjectProperty<RunCurves.Charts> charts() { return charts; }

    /** Held-out exact match against step, empty when the run has no exact-match file. */
    public ObjectProperty<Plot> exactMatch() { return exactMatch; }

    public StringProperty runId() { return runId; }

    /** Where the run stands ({@link RunStatus#after} over its events); null before one is shown or when unreadable. */
    public ObjectProperty<RunStatus> status() { return status; }

    public StringProperty banner() { return banner; }

    public ObservableList<String> events() { return events; }

    public BooleanProperty live() { return live; }

    public Progress progress() { return progress; }

    /** How many times the curves were decimated (coalescing, in tests). */
    long decimations() { return decimator.decimations(); }

    /** Train-loss points of the charts shown (before decimation). */
    public int points() { return points; }

    /** What a run folder holds, read on a worker. */
    record Journal(RunSummary summary, List<EventJournal.Entry> events, List<MetricLine> metrics) {
        static Journal read(Path dir) {
            return new Journal(RunSummary.of(dir), EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE)), metricLines(dir));
        }

        static List<MetricLine> metricLines(Path dir) {
            return RunJournal.metrics(dir).stream().map(MetricLine::of).filter(Objects::nonNull).toList();
        }
    }
}
