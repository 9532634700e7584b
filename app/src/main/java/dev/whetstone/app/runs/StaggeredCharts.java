package dev.whetstone.app.runs;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.animation.AnimationTimer;

/**
 * Applies a dashboard's {@link RunCurves.Charts} to its charts one chart per pulse, so that a live update
 * never redraws every chart in the same frame, which spreads the rendering of a live update over a few
 * frames. A newer {@code Charts} arriving midway
 * is shown from the next chart in turn on, so that a fast stream of updates still reaches every chart in
 * turn rather than the first one only. FX thread only.
 *
 * <p>Example: {@code staggered.show(charts)} from the {@code charts} property's listener.
 */
final class StaggeredCharts<C> {
    private final List<BiConsumer<C, RunCurves.Charts>> updates;
    private final List<C> charts;
    private final AnimationTimer pulses;
    private RunCurves.Charts pending;
    private int next;       // the chart updated next, in turn
    private int remaining;  // charts not yet showing pending

    /** {@code charts.get(i)} is updated by {@code updates.get(i)}. */
    StaggeredCharts(List<C> charts, List<BiConsumer<C, RunCurves.Charts>> updates) {
        if (charts.size() != updates.size()) {
            throw new IllegalArgumentException("one update per chart: " + charts.size() + " charts, " + updates.size() + " updates");
        }
        this.charts = List.copyOf(charts);
        this.updates = List.copyOf(updates);
        this.pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                updateNext();
            }
        };
    }

    /** Shows {@code latest}: the next chart in turn now, the others on the following pulses. */
    void show(RunCurves.Charts latest) {
        boolean idle = pending == null;
        pending = latest;
        remaining = charts.size();
        updateNext();
        if (idle && pending != null) {
            pulses.start();
        }
    }

    /** Shows {@code charts} on every chart at once (a past run opened). */
    void showNow(RunCurves.Charts all) {
        pending = all;
        remaining = charts.size();
        while (pending != null) {
            updateNext();
        }
    }

    private void updateNext() {
        if (pending == null) {
            return;
        }
        updates.get(next).accept(charts.get(next), pending);
        next = (next + 1) % charts.size();
        if (--remaining == 0) {
            pending = null;
            pulses.stop();
        }
    }
}
