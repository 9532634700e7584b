package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures the FX thread's stalls: posts a {@code Platform.runLater} every 2 ms and records how late it
 * runs, and, as a control, how late an idle plain thread runs the same task at the same moments (the
 * machine's own scheduling delay, high on a loaded box). Start it, do the work, {@link #stop()}.
 *
 * <p>Example: {@code FxThreadProbe probe = FxThreadProbe.start(); feed(); Stalls s = probe.stop();}
 */
public final class FxThreadProbe {
    private final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> control = new ConcurrentLinkedQueue<>();
    private final ExecutorService plainThread = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();

    private FxThreadProbe() {
        probe.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> delays.add(System.nanoTime() - posted));
            plainThread.execute(() -> control.add(System.nanoTime() - posted));
        }, 0, 2, TimeUnit.MILLISECONDS);
    }

    /** Starts probing now. */
    public static FxThreadProbe start() {
        return new FxThreadProbe();
    }

    /** Stops probing (after the FX thread has caught up) and returns what it measured. */
    public Stalls stop() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        probe.shutdownNow();
        plainThread.shutdownNow();
        return new Stalls(new ArrayList<>(delays), new ArrayList<>(control));
    }

    /** Waits for ten pulses of the FX thread: a new scene's first CSS and layout are then not part of a measurement. */
    public static void settle() throws Exception {
        CountDownLatch pulses = new CountDownLatch(10);
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
            }
        };
        Platform.runLater(timer::start);
        assertThat(pulses.await(30, TimeUnit.SECONDS)).isTrue();
        Platform.runLater(timer::stop);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Probe delays on the FX thread, and on an idle plain thread at the same moments (the control). */
    public record Stalls(List<Long> nanos, List<Long> control) {
        public Stalls {
            nanos = nanos.stream().sorted().toList();
            control = control.stream().sorted().toList();
        }

        public double p99Millis() {
            return nanos.get((int) (nanos.size() * 0.99)) / 1e6;
        }

        public double controlP99Millis() {
            return control.get((int) (control.size() * 0.99)) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d probes, FX-thread delay %s; control (plain thread) %s",
                    nanos.size(), percentiles(nanos), percentiles(control));
        }

        private static String percentiles(List<Long> sorted) {
            return String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms, max %.2f ms", sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
        }
    }
}
