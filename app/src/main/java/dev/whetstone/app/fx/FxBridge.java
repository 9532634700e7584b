package dev.whetstone.app.fx;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way from engine and worker threads to the FX thread. It coalesces: however fast other threads
 * post, at most one drain is pending on the FX thread; a {@link LatestValue} keeps only its newest value
 * and a {@link BatchQueue} hands its items over as one list per drain.
 *
 * <p>Example: {@code LatestValue<String> status = bridge.latest(label::setText); status.post("step 7");}
 *
 * <p>Every action runs on the executor given at construction: {@code Platform::runLater} in the app, an
 * inline executor in view-model tests.
 */
public final class FxBridge {

    /** Actions run per drain before the rest is left to the next pulse, so a flood cannot freeze a frame. */
    static final int MAX_ACTIONS_PER_DRAIN = 512;

    private static final Logger LOG = LoggerFactory.getLogger(FxBridge.class);

    private final Executor fxThread;
    private final Thread.UncaughtExceptionHandler failures;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** A bridge that runs its actions with {@code fxThread}: {@code new FxBridge(Platform::runLater)}. */
    public FxBridge(Executor fxThread) {
        this(fxThread, (thread, error) -> LOG.error("An update on the FX thread failed; later updates still run", error));
    }

    /** A bridge whose failing actions go to {@code failures} (the app's crash reporter); later actions still run. */
    public FxBridge(Executor fxThread, Thread.UncaughtExceptionHandler failures) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /** The bridge of the running JavaFX application. */
    public static FxBridge onFxThread() {
        return new FxBridge(Platform::runLater);
    }

    /** The bridge of the running JavaFX application, its failing actions reported to {@code failures}. */
    public static FxBridge onFxThread(Thread.UncaughtExceptionHandler failures) {
        return new FxBridge(Platform::runLater, failures);
    }

    /** Runs {@code action} on the FX thread, after every action posted before it. */
    public void run(Runnable action) {
        pending.add(Objects.requireNonNull(action, "action"));
        schedule();
    }

    /** A latest-value slot whose newest value is applied on the FX thread: {@code bridge.latest(label::setText)}. */
    public <T> LatestValue<T> latest(Consumer<? super T> apply) {
        return new LatestValue<>(this, apply);
    }

    /** A queue whose items reach the FX thread as batches: {@code bridge.batches(series::addAll)}. */
    public <T> BatchQueue<T> batches(Consumer<? super List<T>> apply) {
        return new BatchQueue<>(this, apply);
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            fxThread.execute(this::drain);
        }
    }

    private void drain() {
        // cleared first: anything posted while draining schedules the next drain (at most one pending)
        scheduled.set(false);
        for (int i = 0; i < MAX_ACTIONS_PER_DRAIN; i++) {
            Runnable action = pending.poll();
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                failures.uncaughtException(Thread.currentThread(), e);
            }
        }
        if (!pending.isEmpty()) {
            schedule();
        }
    }
}
