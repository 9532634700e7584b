package dev.whetstone.engine.local;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A result of a {@link DeviceThread}, or a stage depending on one: waiting for it on that device thread
 * before it is done fails at once with an {@link IllegalStateException} instead of waiting forever (the
 * result is computed on that thread, after the task that waits).
 *
 * <p>Example: {@code sampler.sampleStreaming(prompt, 1, params, token -> other.sample(...).join())} fails
 * its request with that message rather than hanging the model.
 */
public final class DeviceFuture<T> extends CompletableFuture<T> {
    private final DeviceThread thread;

    DeviceFuture(DeviceThread thread) {
        this.thread = thread;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new DeviceFuture<>(thread);
    }

    @Override
    public T join() {
        refuseWaitOnDeviceThread();
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseWaitOnDeviceThread();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseWaitOnDeviceThread();
        return super.get(timeout, unit);
    }

    private void refuseWaitOnDeviceThread() {
        if (!isDone()) {
            thread.requireNotCurrent("waiting for a result of this model's engine (join/get)");
        }
    }
}
