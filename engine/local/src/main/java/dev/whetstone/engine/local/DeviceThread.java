package dev.whetstone.engine.local;

import ai.djl.engine.EngineException;
import dev.whetstone.engine.EngineFailureException;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.local.tensor.Autograd;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns every tensor of a loaded model. Tasks run in submission order, one at a
 * time, with grad mode off unless a task turns it on; a task's failure completes its future and the
 * thread keeps serving.
 */
public final class DeviceThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceThread.class);
    private final ExecutorService executor;
    private final String name;

    public DeviceThread(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} after every task submitted before it; {@code what} names it in errors. */
    public <T> CompletableFuture<T> submit(String what, Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    Autograd.disable();
                    future.complete(task.call());
                } catch (Throwable t) {
                    future.completeExceptionally(translate(what, t));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new WorkbenchException(what + " failed: the model on " + name
                    + " was closed; create a new client"));
        }
        return future;
    }

    /** Runs {@code task} on this thread and waits for it (for loading and closing). */
    public <T> T call(String what, Callable<T> task) {
        try {
            return submit(what, task).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    static Throwable translate(String what, Throwable t) {
        if (t instanceof WorkbenchException || t instanceof IllegalArgumentException) {
            return t;
        }
        if (t instanceof OutOfMemoryError || isNativeOutOfMemory(t)) {
            LOG.warn("{} ran out of memory", what, t);
            return new EngineFailureException(what + " ran out of memory; use fewer or shorter sequences per call, "
                    + "a smaller LoRA rank, or a smaller model", t);
        }
        LOG.error("{} failed", what, t);
        return new EngineFailureException(what + " failed: " + t.getMessage(), t);
    }

    private static boolean isNativeOutOfMemory(Throwable t) {
        String message = t.getMessage();
        return t instanceof EngineException && message != null
                && (message.contains("out of memory") || message.contains("DefaultCPUAllocator"));
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("device thread {} still busy after 30 s; abandoning it", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
