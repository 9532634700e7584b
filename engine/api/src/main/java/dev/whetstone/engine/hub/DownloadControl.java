package dev.whetstone.engine.hub;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hold other threads have on a running download: cancel it, or break a read that stalled. Cancelling
 * interrupts the download's thread (a request being sent, a lock waited for, a retry's pause) and closes the
 * body being read, because on Java 17 a read from the HTTP client's body stream ignores interrupts. A body
 * that sends nothing for longer than the read timeout is closed too, without cancelling: the download sees a
 * broken connection and resumes with a range request, as {@code huggingface_hub} does after its read timeout.
 */
final class DownloadControl {
    private final AtomicReference<Closeable> reading = new AtomicReference<>();
    private volatile Thread worker;
    private volatile boolean cancelled;
    private volatile long lastByteNanos = System.nanoTime();

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

    /** The body being read now; closed by {@link #cancel()} or when it stalls. */
    void reading(Closeable body) {
        lastByteNanos = System.nanoTime();
        reading.set(body);
        if (cancelled) {
            closeQuietly(body);
        }
    }

    /** Bytes just arrived. */
    void received() {
        lastByteNanos = System.nanoTime();
    }

    /** The body was read to its end or closed. */
    void doneReading(Closeable body) {
        reading.compareAndSet(body, null);
    }

    /** Closes the body being read if nothing arrived for {@code timeoutNanos}; returns whether it did. */
    boolean breakStalledRead(long timeoutNanos) {
        Closeable body = reading.get();
        if (body == null || System.nanoTime() - lastByteNanos < timeoutNanos) {
            return false;
        }
        closeQuietly(body);
        return true;
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
