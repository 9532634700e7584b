package dev.whetstone.engine.local;

import ai.djl.engine.EngineException;
import dev.whetstone.engine.EngineFailureException;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.local.tensor.Autograd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns every tensor of a loaded model. Tasks run in submission order, one at a
 * time, with grad mode off unless a task turns it on; a task's failure completes its future and the
 * thread keeps serving.
 *
 * <p>Three rules keep callers from deadlocking on it or crashing the JVM:
 * <ul>
 *   <li>The futures it hands out complete on a separate completion thread, so a caller's dependent stage
 *   ({@code fb.thenRun(client::close)}) never runs on the device thread, where a blocking call would wait
 *   for itself.</li>
 *   <li>Code that does run on the device thread (a {@code SampleListener}, a {@code CustomLossFn}) and
 *   blocks on this thread's work — {@code join()}, {@code get()}, {@code close()} — fails at once with an
 *   {@link IllegalStateException} that says so, instead of hanging.</li>
 *   <li>When the JVM exits, a shutdown hook drops the queued tasks and waits for the running one: exiting
 *   runs libtorch's static destructors, and a backward still running on this thread would then read freed
 *   memory and crash the JVM (SIGSEGV in {@code at::accelerator::getAccelerator}).</li>
 * </ul>
 */
public final class DeviceThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceThread.class);
    /** How long JVM exit waits for the running task (one train step of a large model on a CPU). */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final ThreadPoolExecutor executor;
    private final ExecutorService completions;
    private final Thread exitHook;
    private volatile Thread worker;

    public DeviceThread(String name) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            worker = thread;
            return thread;
        });
        this.completions = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-completion");
            thread.setDaemon(true);
            return thread;
        });
        this.exitHook = new Thread(this::stopForExit, name + "-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Runs {@code task} after every task submitted before it; {@code what} names it in errors. */
    public <T> CompletableFuture<T> submit(String what, Callable<T> task) {
        DeviceFuture<T> future = newFuture();
        try {
            executor.execute(new Task<>(what, task, future));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new WorkbenchException(what + " failed: the model on " + name
                    + " was closed; create a new client"));
        }
        return future;
    }

    /**
     * Runs {@code task} on this thread and waits for it (for loading and closing). Called on this very
     * thread it fails at once: it would wait for itself.
     */
    public <T> T call(String what, Callable<T> task) {
        requireNotCurrent(what);
        try {
            return submit(what, task).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** An incomplete future whose blocking waits fail fast on this thread (for results completed later). */
    public <T> DeviceFuture<T> newFuture() {
        return new DeviceFuture<>(this);
    }

    /** Whether the caller runs on this device thread. */
    public boolean isCurrent() {
        return Thread.currentThread() == worker;
    }

    /**
     * Throws {@link IllegalStateException} when called on this thread: {@code what} blocks until this thread
     * has run it, which it cannot do while it runs the caller.
     */
    public void requireNotCurrent(String what) {
        if (isCurrent()) {
            throw new BlockingCallException(what + " was called on the device thread " + name
                    + " (from a SampleListener, a CustomLossFn or a stage running there) and would wait for that same "
                    + "thread forever; call it from another thread, for example future.thenRunAsync(...), or after the "
                    + "request's future completes");
        }
    }

    /** Completes futures off this thread, so callers' dependent stages never run on it. */
    private void hand(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();   // closing: nothing can chain on the device thread any more
        }
    }

    static Throwable translate(String what, Throwable t) {
        if (t instanceof WorkbenchException || t instanceof IllegalArgumentException) {
            return t;   // the caller's to show; not an engine fault
        }
        if (t instanceof BlockingCallException) {
            LOG.warn("{} failed: a blocking call on the device thread", what, t);
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

    /** The shutdown hook: queued tasks are dropped, the running one is waited for (see the class comment). */
    private void stopForExit() {
        List<Runnable> queued = executor.shutdownNow();   // also interrupts: a generation stops at its next token
        for (Runnable runnable : queued) {
            if (runnable instanceof Task<?> task) {
                task.future.completeExceptionally(new WorkbenchException(task.what + " did not run: the JVM is exiting"));
            }
        }
        if (!await(EXIT_WAIT)) {
            LOG.warn("{} is still running a task {} s after the JVM began to exit; exiting anyway may crash in libtorch",
                    name, EXIT_WAIT.toSeconds());
        }
    }

    private boolean await(Duration timeout) {
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        requireNotCurrent("closing " + name);
        executor.shutdown();
        if (!await(CLOSE_WAIT)) {
            LOG.warn("device thread {} still busy after {} s; abandoning it", name, CLOSE_WAIT.toSeconds());
        }
        completions.shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already exiting: the hook runs and finds the thread stopped
        }
    }

    /** One submitted task: runs, then hands its outcome to the completion thread. */
    private final class Task<T> implements Runnable {
        private final String what;
        private final Callable<T> work;
        private final DeviceFuture<T> future;

        Task(String what, Callable<T> work, DeviceFuture<T> future) {
            this.what = what;
            this.work = work;
            this.future = future;
        }

        @Override
        public void run() {
            T value;
            try {
                Autograd.disable();
                value = work.call();
            } catch (Throwable t) {
                Throwable failure = translate(what, t);
                hand(() -> future.completeExceptionally(failure));
                return;
            }
            hand(() -> future.complete(value));
        }
    }

    /** A blocking call made on the device thread it waits for. */
    static final class BlockingCallException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BlockingCallException(String message) {
            super(message);
        }
    }
}
