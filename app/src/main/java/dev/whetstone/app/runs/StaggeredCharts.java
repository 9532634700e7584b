package dev.whetstone.app.runs;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.animation.AnimationTimer;

/**
 * Applies a dashboard's {@link RunCurves.Charts} to its charts one chart per pulse, so that a live update
 * never lays out every chart in the same frame (a chart's layout, with its axes, costs several
 * milliseconds; four at once were the FX thread's longest stalls). A newer {@code Charts} arriving midway
 * replaces the rest of the older one. FX thread only.
 *
 * <p>Example: {@code staggered.show(charts)} from the {@code charts} property's listener.
 */
final class StaggeredCharts {
    private final List<BiConsumer<PlotChart, RunCurves.Charts>> updates;
    private final List<PlotChart> charts;
    private final AnimationTimer pulses;
    private RunCurves.Charts pending;
    private int next;

    /** {@code charts.get(i)} is updated by {@code updates.get(i)}. */
    StaggeredCharts(List<PlotChart> charts, List<BiConsumer<PlotChart, RunCurves.Charts>> updates) {
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

    /** Shows {@code latest}: the first chart now, the others on the following pulses. */
    void show(RunCurves.Charts latest) {
        boolean idle = pending == null;
        pending = latest;
        next = 0;
        updateNext();
        if (idle && pending != null) {
            pulses.start();
        }
    }

    /** Shows {@code charts} on every chart at once (a past run opened, or the end of a run). */
    void showNow(RunCurves.Charts all) {
        pending = all;
        next = 0;
        while (pending != null) {
            updateNext();
        }
    }

    private void updateNext() {
        if (pending == null) {
            return;
        }
        updates.get(next).accept(charts.get(next), pending);
        next++;
        if (next == charts.size()) {
            pending = null;
            pulses.stop();
        }
    }
}
