package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.InlineExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** 100,000 points: what the chart draws, how the points reach the FX thread, and how long a batch takes there. */
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
    void pointsFromTheRunThreadArriveInFewBatchesAndEachBatchIsQuick() throws Exception {
        // a manual FX thread: actions queue up until the test drains them, as pulses would
        ConcurrentLinkedQueue<Runnable> fx = new ConcurrentLinkedQueue<>();
        Executor fxThread = fx::add;
        RunDashboardViewModel dashboard = new RunDashboardViewModel(new Background(new InlineExecutor(), new FxBridge(fxThread)));
        dashboard.open(java.nio.file.Path.of("unused-run"));   // fails to read: the dashboard is then fed by hand below
        var feed = new FxBridge(fxThread).<MetricLine>batches(lines -> applyAndTime(dashboard, lines));
        Thread run = new Thread(() -> {
            for (int i = 1; i <= 100_000; i++) {
                feed.add(MetricLine.loss(i, 2.0 / Math.sqrt(i)));
                if (i % 1000 == 0) {
                    drainOnce(fx);   // a pulse every 1,000 points
                }
            }
        });
        run.start();
        run.join();
        while (!fx.isEmpty()) {
            drainOnce(fx);
        }
        assertThat(dashboard.points()).isEqualTo(100_000);
        assertThat(batches).hasSizeLessThan(1_000);
        assertThat(dashboard.charts().get().loss().size()).isLessThanOrEqualTo(2 * RunDashboardViewModel.BUCKETS);
        List<Long> sorted = new ArrayList<>(nanos.subList(1, nanos.size()));   // the first batch pays for JIT warm-up
        sorted.sort(null);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        long median = sorted.get(sorted.size() / 2);
        System.out.printf("DecimationTest: %d points in %d batches; apply+decimate per batch median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                dashboard.points(), batches.size(), median / 1e6, p99 / 1e6, sorted.get(sorted.size() - 1) / 1e6);
        assertThat(median).isLessThan(16_000_000L);
    }

    private final List<Integer> batches = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();

    private void applyAndTime(RunDashboardViewModel dashboard, List<MetricLine> lines) {
        long start = System.nanoTime();
        dashboard.applyForTest(lines);
        nanos.add(System.nanoTime() - start);
        batches.add(lines.size());
    }

    private static synchronized void drainOnce(ConcurrentLinkedQueue<Runnable> fx) {
        for (Runnable r = fx.poll(); r != null; r = fx.poll()) {
            r.run();
        }
    }
}
