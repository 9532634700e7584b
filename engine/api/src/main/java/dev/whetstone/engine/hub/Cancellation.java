package dev.whetstone.engine.hub;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a download's thread wherever it waits: interrupts it (a request being sent, a lock being waited
 * for, a retry's pause) and closes the body being read, because on Java 17 a read from the HTTP client's
 * body stream ignores interrupts.
 */
final class Cancellation {
    private final AtomicReference<Closeable> reading = new AtomicReference<>();
    private volatile Thread worker;
    private volatile boolean cancelled;

    /** The thread the download runs on; set before it starts. */
    void runsOn(Thread thread) {
        worker = thread;
    }

    /** Stops the download; any thread, any number of times. */
    void cancel() {
        cancelled = true;
        closeQuietly(reading.get());
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Throws if the download was cancelled. */
    void check() throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
    }

    /** The body being read now; closed by {@link #cancel()}. */
    void reading(Closeable body) {
        reading.set(body);
        if (cancelled) {
            closeQuietly(body);
        }
    }

    /** The body was read to its end or closed. */
    void doneReading(Closeable body) {
        reading.compareAndSet(body, null);
    }

    private static void closeQuietly(Closeable body) {
        if (body == null) {
            return;
        }
        try {
            body.close();
        } catch (IOException e) {
            // the stream is being abandoned; its error is not the download's
        }
    }
}
