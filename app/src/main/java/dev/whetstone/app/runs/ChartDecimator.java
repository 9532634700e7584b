package dev.whetstone.app.runs;

import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.LatestValue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A dashboard's curves, kept and decimated off the FX thread. Metric lines from any thread are folded into
 * one {@link RunCurves} on a worker, which decimates once for however many batches arrived while it was
 * busy and hands the small result (at most {@code 2 * buckets} points a series) to the FX thread as a
 * {@link Frame}; frames not yet applied collapse into the newest. Frames are paced at most one per
 * {@code frameInterval}: the worker waits out the rest of the interval before it takes the queued lines,
 * so a flood of lines costs the FX thread a bounded number of chart updates a second.
 *
 * <p>Each batch names the dashboard's generation (the run it belongs to): a newer generation starts the
 * curves afresh, and batches of an older one (a run no longer shown) are dropped.
 *
 * <p>Example: {@code decimator.add(generation, lines)} from a run's thread.
 */
final class ChartDecimator {
    /** What the FX thread receives: one generation's plots, its train-loss point count and its last step line (or null). */
    record Frame(int generation, RunCurves.Charts charts, int points, MetricLine lastStep) {
    }

    private record Batch(int generation, List<MetricLine> lines) {
    }

    private final Executor worker;
    private final int buckets;
    private final long frameIntervalNanos;
    private final LatestValue<Frame> frames;
    private final ConcurrentLinkedQueue<Batch> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong decimations = new AtomicLong();
    // guarded by this: touched only inside drain()
    private final RunCurves curves = new RunCurves();
    private int generation = Integer.MIN_VALUE;
    private MetricLine lastStep;
    private long lastFrameNanos;
    private boolean framed;

    /**
     * Folds and decimates on {@code worker} (a thread of its own: it waits there between frames), at most one
     * frame per {@code frameInterval}; applies frames with {@code onFx} through {@code bridge}.
     */
    ChartDecimator(Executor worker, FxBridge bridge, int buckets, Duration frameInterval, Consumer<Frame> onFx) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        if (frameInterval.isNegative()) {
            throw new IllegalArgumentException("frameInterval must be >= 0, was " + frameInterval);
        }
        this.worker = Objects.requireNonNull(worker, "worker");
        this.buckets = buckets;
        this.frameIntervalNanos = frameInterval.toNanos();
        this.frames = bridge.latest(onFx);
    }

    /** Queues {@code lines} (journal order) of {@code generation}; schedules one decimation if none is pending. Any thread. */
    void add(int generation, List<MetricLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        pending.add(new Batch(generation, List.copyOf(lines)));
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** How many times the curves were decimated (fewer than the batches added when they came fast). */
    long decimations() {
        return decimations.get();
    }

    // synchronized: with a pool as worker, a drain scheduled while one runs could otherwise overlap it
    private synchronized void drain() {
        long wait = framed ? lastFrameNanos + frameIntervalNanos - System.nanoTime() : 0;
        if (wait > 0) {
            LockSupport.parkNanos(wait);   // pacing on the chart thread; lines arriving meanwhile join this frame
        }
        // cleared first: a batch added from here on schedules the next drain, which takes everything queued
        scheduled.set(false);
        boolean changed = false;
        for (Batch batch = pending.poll(); batch != null; batch = pending.poll()) {
            if (batch.generation() < generation) {
                continue;
            }
            if (batch.generation() > generation) {
                generation = batch.generation();
                curves.clear();
                lastStep = null;
            }
            curves.addAll(batch.lines());
            for (MetricLine line : batch.lines()) {
                lastStep = line.isStep() ? line : lastStep;
            }
            changed = true;
        }
        if (changed) {
            decimations.incrementAndGet();
            framed = true;
            lastFrameNanos = System.nanoTime();
            frames.post(new Frame(generation, curves.plot(buckets), curves.size(), lastStep));
        }
    }
}
