package dev.whetstone.app.tasks;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.concurrent.Task;

/**
 * A piece of background work as the task list shows it: a title, a message and a progress bar that follow
 * the work, which runs elsewhere (an engine call, a run, a download) and is represented by its future. The
 * task's own thread only waits for that future. Cancel asks the work to stop through the action given; work
 * that cannot stop refuses to cancel and says so in its message.
 *
 * <p>Example: {@code TrackedTask t = tasks.track("Merging final", future, null); t.progress(3, 10, "3 of 10 shards")}
 */
public final class TrackedTask extends Task<Void> {
    private final CompletableFuture<?> work;
    private final Runnable cancel;

    TrackedTask(String title, CompletableFuture<?> work, Runnable cancel) {
        this.work = work;
        this.cancel = cancel;
        updateTitle(title);
        updateMessage(cancel == null ? "Working … (this cannot be cancelled)" : "Working …");
        updateProgress(-1, 1);
    }

    /** Shows {@code done} of {@code total} and {@code message}; any thread. A negative total is indeterminate. */
    public void progress(double done, double total, String message) {
        updateProgress(done, total);
        updateMessage(message);
    }

    /** Whether Cancel can stop this work. */
    public boolean cancellable() {
        return cancel != null;
    }

    @Override
    protected Void call() throws Exception {
        try {
            work.get();
            return null;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (CancellationException e) {
            cancel(false);
            return null;
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel != null && super.cancel(mayInterruptIfRunning);
    }

    @Override
    protected void cancelled() {
        if (cancel != null) {
            cancel.run();
        }
    }
}
