package dev.whetstone.app.fx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A value that any thread may post and the FX thread applies; values posted between two drains collapse
 * into the newest one (status text, memory in use, progress). Made by {@link FxBridge#latest}.
 *
 * <p>Example: {@code memory.post("812 MiB")} from a timer thread.
 *
 * @param <T> the value's type; {@code null} is allowed
 */
public final class LatestValue<T> {
    private final FxBridge bridge;
    private final Consumer<? super T> apply;
    private final AtomicReference<T> value = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    LatestValue(FxBridge bridge, Consumer<? super T> apply) {
        this.bridge = bridge;
        this.apply = Objects.requireNonNull(apply, "apply");
    }

    /** Replaces the value to apply; schedules one application if none is pending. Any thread. */
    public void post(T newValue) {
        value.set(newValue);
        if (queued.compareAndSet(false, true)) {
            bridge.run(this::applyNewest);
        }
    }

    private void applyNewest() {
        // cleared before reading: a value posted after this line schedules its own application
        queued.set(false);
        apply.accept(value.get());
    }
}
