package dev.whetstone.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.service.query.EmptyNodeQueryException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits of the whole-loop GUI tests: generous (two minutes, for a loaded 2-core machine), a node not shown
 * yet counts as "not yet", and a timeout says what the window showed instead.
 */
public final class Waits {
    private static final long SECONDS = 120;

    private Waits() {
    }

    /** Waits until {@code condition} holds; on timeout fails with {@code shown}'s description of the window. */
    public static void until(Callable<Boolean> condition, Supplier<String> shown) throws Exception {
        until(SECONDS, condition, shown);
    }

    /** {@link #until(Callable, Supplier)} for work known to be long (a whole fine-tune). */
    public static void until(long seconds, Callable<Boolean> condition, Supplier<String> shown) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                try {
                    return condition.call();
                } catch (EmptyNodeQueryException notShownYet) {
                    return false;
                }
            });
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + seconds + " s; the window shows: " + shown.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
