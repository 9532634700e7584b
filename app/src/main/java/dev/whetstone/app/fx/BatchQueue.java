package dev.whetstone.app.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Items that any thread may add and the FX thread receives in order, as one list per drain (chart
 * points, log lines, scan results). Made by {@link FxBridge#batches}.
 *
 * <p>Example: {@code points.add(new Point(step, loss))} from the run's thread.
 *
 * @param <T> the item type
 */
public final class BatchQueue<T> {
    private final FxBridge bridge;
    private final Consumer<? super List<T>> apply;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    BatchQueue(FxBridge bridge, Consumer<? super List<T>> apply) {
        this.bridge = bridge;
        this.apply = Objects.requireNonNull(apply, "apply");
    }

    /** Queues {@code item}; schedules one delivery if none is pending. Any thread. */
    public void add(T item) {
        items.add(Objects.requireNonNull(item, "item"));
        if (queued.compareAndSet(false, true)) {
            bridge.run(this::deliver);
        }
    }

    private void deliver() {
        queued.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = items.poll(); item != null; item = items.poll()) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            apply.accept(List.copyOf(batch));
        }
    }
}
