package dev.whetstone.app.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A live run's metric lines, held back until the lines already in its {@code metrics.jsonl} have been
 * handed on, so that the file's lines come first. The listener is registered before the file is read; a
 * line in both is then handed on twice, and its later copy replaces the earlier one ({@link Curve#add}).
 *
 * <p>Example: {@code run.onMetrics(m -> live.add(MetricLine.of(m))); live.startWith(Journal.metricLines(dir));}
 */
final class LiveLines {
    private final Consumer<List<MetricLine>> sink;
    private final List<MetricLine> early = new ArrayList<>();
    private boolean started;

    /** Lines go to {@code sink}, in order, from whichever thread adds them. */
    LiveLines(Consumer<List<MetricLine>> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** One new line from the run's thread; held until {@link #startWith} ran. */
    void add(MetricLine line) {
        synchronized (early) {
            if (!started) {
                early.add(line);
                return;
            }
        }
        sink.accept(List.of(line));
    }

    /** Hands on the file's {@code past} lines, then every line held back. */
    void startWith(List<MetricLine> past) {
        synchronized (early) {
            sink.accept(past);
            sink.accept(List.copyOf(early));
            early.clear();
            started = true;
        }
    }
}
