package dev.whetstone.app.runs;

import dev.whetstone.engine.run.RunHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runs this app started, for the panes that show them (the Train pane publishes, the run dashboard
 * listens). Thread-safe; listeners are called on the publishing thread and hand on to the FX thread
 * themselves.
 *
 * <p>Example: {@code running.onStarted(handle -> dashboard.follow(handle)); running.publish(handle)}
 */
public final class RunningRuns {
    private final List<RunHandle> runs = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunHandle>> listeners = new CopyOnWriteArrayList<>();

    /** Records a started run and tells every listener. */
    public void publish(RunHandle run) {
        runs.add(run);
        listeners.forEach(listener -> listener.accept(run));
    }

    /** Calls {@code listener} for every run started from now on. */
    public void onStarted(Consumer<RunHandle> listener) {
        listeners.add(listener);
    }

    /** The runs started so far, oldest first. */
    public List<RunHandle> all() {
        return List.copyOf(runs);
    }
}
