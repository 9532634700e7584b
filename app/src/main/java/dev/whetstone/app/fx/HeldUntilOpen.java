package dev.whetstone.app.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An executor that holds its tasks until {@link #open()}, then runs them (in the order given) and every later one
 * on {@code target}. The app starts its workers behind one, opened after the window's first frame: loading
 * libtorch and scanning the disk then do not compete with drawing the window on a two-core machine.
 *
 * <p>{@code HeldUntilOpen workers = new HeldUntilOpen(pool); ...; scene.addPostLayoutPulseListener(workers::open);}
 */
public final class HeldUntilOpen implements Executor {
    private final Executor target;
    private List<Runnable> held = new ArrayList<>();

    /** Holds tasks for {@code target}. */
    public HeldUntilOpen(Executor target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            if (held != null) {
                held.add(task);
                return;
            }
        }
        target.execute(task);
    }

    /** Hands the held tasks to the target, in order; later tasks go straight there. Calling it again does nothing. */
    public void open() {
        List<Runnable> release;
        synchronized (this) {
            if (held == null) {
                return;
            }
            release = held;
            held = null;
        }
        release.forEach(target::execute);
    }
}
