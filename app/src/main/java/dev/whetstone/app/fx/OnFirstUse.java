package dev.whetstone.app.fx;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made by {@code make} the first time it is asked for, then kept: the app builds its panes this way, so
 * that only the one shown is built before the window's first frame. Not thread-safe (the FX thread's).
 *
 * <p>{@code OnFirstUse<DatasetsView> datasets = new OnFirstUse<>(() -> new DatasetsView(...)); datasets.get()}
 */
public final class OnFirstUse<T> implements Supplier<T> {
    private Supplier<? extends T> make;
    private T value;

    /** A value {@code make} builds at the first {@link #get()}. */
    public OnFirstUse(Supplier<? extends T> make) {
        this.make = Objects.requireNonNull(make, "make");
    }

    @Override
    public T get() {
        if (make != null) {
            value = Objects.requireNonNull(make.get(), "made null");
            make = null;
        }
        return value;
    }
}
