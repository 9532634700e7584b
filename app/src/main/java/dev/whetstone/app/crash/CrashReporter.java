package dev.whetstone.app.crash;

import dev.whetstone.app.fx.FxBridge;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where exceptions nothing caught end up, on the FX thread and on every other thread of the app: each is
 * logged with its stack trace, then handed to {@code show} (the crash dialog) on the FX thread. Nothing exits:
 * the window, the engine and the runs keep going.
 *
 * <p>{@code new CrashReporter(bridge, dialog::show, Clock.systemUTC()).install()} in the app's {@code start}.
 */
public final class CrashReporter implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CrashReporter.class);

    private final FxBridge bridge;
    private final Consumer<Crash> show;
    private final Clock clock;

    /** A reporter that shows crashes with {@code show}, run through {@code bridge} on the FX thread. */
    public CrashReporter(FxBridge bridge, Consumer<Crash> show, Clock clock) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.show = Objects.requireNonNull(show, "show");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Becomes the handler of the calling thread (call it on the FX thread) and the default of every thread
     * without its own.
     */
    public void install() {
        Thread.currentThread().setUncaughtExceptionHandler(this);
        Thread.setDefaultUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("Uncaught on thread {}", thread.getName(), error);
        Crash crash = new Crash(thread.getName(), error, clock.instant());
        bridge.run(() -> {
            try {
                show.accept(crash);
            } catch (RuntimeException dialogFailed) {   // never back to this handler: that could loop
                LOG.error("The crash dialog failed", dialogFailed);
            }
        });
    }
}
