package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.InlineExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** 100,000 points: what the chart draws, and how they are decimated on a worker before reaching the FX thread. */
class DecimationTest {

    @Test
    void hundredThousandPointsDrawAtMostTwoPerBucketAndKeepTheSpike() {
        Curve curve = new Curve();
        for (int i = 1; i <= 100_000; i++) {
            curve.add(i, i == 54_321 ? 50.0 : 2.0 / Math.sqrt(i));
        }
        Plot plot = Decimation.minMax(curve, 400);
        assertThat(plot.size()).isLessThanOrEqualTo(800);
        assertThat(plot.y()).contains(50.0);
        assertThat(plot.x()[0]).isEqualTo(1);
        assertThat(plot.x()[plot.size() - 1]).isEqualTo(100_000);
    }

    @Test
    void aRollbackReplacesTheTail() {
        Curve curve = new Curve();
        for (int i = 1; i <= 10; i++) {
            curve.add(i, i);
        }
        curve.add(6, -1);
        assertThat(curve.size()).isEqualTo(6);
        assertThat(curve.lastY()).isEqualTo(-1);
    }

    @Test
    void hundredThousandLinesFromTheRunThreadAreDecimatedOnTheWorkerInFewPasses() throws Exception {
        ConcurrentLinkedQueue<Runnable> fx = new ConcurrentLinkedQueue<>();   // a manual FX thread: pulses are drainOnce
        ExecutorService chartWorker = Executors.newSingleThreadExecutor();
        try {
            RunDashboardViewModel dashboard = new RunDashboardViewModel(new Background(new InlineExecutor(), new FxBridge(fx::add)), chartWorker, Duration.ZERO);
            LiveLines live = dashboard.watch(Path.of("live-run"), null);
            live.startWith(List.of());
            Thread run = new Thread(() -> {
                for (int i = 1; i <= 100_000; i++) {
                    live.add(MetricLine.loss(i, i == 77_777 ? 40.0 : 2.0 / Math.sqrt(i)));
                    if (i % 1000 == 0) {
                        drainOnce(fx);
                    }
                }
            });
            run.start();
            run.join();
            chartWorker.submit(() -> { }).get();   // the worker has run every drain queued before this
            drainOnce(fx);

            assertThat(dashboard.points()).isEqualTo(100_000);
            assertThat(dashboard.charts().get().loss().size()).isLessThanOrEqualTo(2 * RunDashboardViewModel.BUCKETS);
            assertThat(dashboard.charts().get().loss().y()).contains(40.0);
            assertThat(dashboard.progress().steps().get()).startsWith("step 100000");
            // one decimation per batch that found the worker idle, not one per line
            assertThat(dashboard.decimations()).isLessThan(100_000 / 10);
        } finally {
            chartWorker.shutdownNow();
        }
    }

    @Test
    void chartsDecimatedForAPreviouslyShownRunAreNeverShown() throws Exception {
        ConcurrentLinkedQueue<Runnable> fx = new ConcurrentLinkedQueue<>();
        ExecutorService chartWorker = Executors.newSingleThreadExecutor();
        try {
            RunDashboardViewModel dashboard = new RunDashboardViewModel(new Background(new InlineExecutor(), new FxBridge(fx::add)), chartWorker, Duration.ZERO);
            LiveLines first = dashboard.watch(Path.of("first"), null);
            first.startWith(List.of(MetricLine.loss(1, 3.0), MetricLine.loss(2, 2.5), MetricLine.loss(3, 2.0)));
            chartWorker.submit(() -> { }).get();   // the first run's charts are decimated and wait for the FX thread

            LiveLines second = dashboard.watch(Path.of("second"), null);
            drainOnce(fx);
            assertThat(dashboard.charts().get()).isEqualTo(RunCurves.Charts.EMPTY);
            assertThat(dashboard.points()).isZero();

            second.startWith(List.of(MetricLine.loss(1, 9.0)));
            first.add(MetricLine.loss(4, 1.5));   // the first run's listener is still registered
            chartWorker.submit(() -> { }).get();
            drainOnce(fx);
            assertThat(dashboard.charts().get().loss().y()).containsExactly(9.0);
            assertThat(dashboard.points()).isEqualTo(1);
        } finally {
            chartWorker.shutdownNow();
        }
    }

    private static void drainOnce(ConcurrentLinkedQueue<Runnable> fx) {
        synchronized (fx) {
            for (Runnable r = fx.poll(); r != null; r = fx.poll()) {
                r.run();
            }
        }
    }
}
