package dev.whetstone.app.fx;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (disk scans, engine calls) on worker threads and hands the result or the failure to the
 * FX thread through the {@link FxBridge}. View-models use it so that nothing blocks the FX thread and
 * nothing on it waits for a future.
 *
 * <p>Example: {@code background.run(() -> scan(dir), models::setAll, error -> message.set(error.getMessage()))}
 */
public final class Background {
    private final Executor workers;
    private final FxBridge bridge;

    /** Work runs on {@code workers}; results are applied through {@code bridge}. */
    public Background(Executor workers, FxBridge bridge) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
    }

    /** The workers slow work runs on, for work whose future is also handed to someone else (the task list). */
    public Executor workers() {
        return workers;
    }

    /** The bridge results go through, for view-models that also post progress. */
    public FxBridge bridge() {
        return bridge;
    }

    /**
     * Runs {@code work} on a worker, then {@code onSuccess} or {@code onFailure} (with the unwrapped cause)
     * on the FX thread. The returned future completes after that handler ran; callers may hand it on, the
     * FX thread never waits for it.
     */
    public <T> CompletableFuture<Void> run(Supplier<? extends T> work, Consumer<? super T> onSuccess,
                                           Consumer<? super Throwable> onFailure) {
        return whenDone(CompletableFuture.supplyAsync(work, workers), onSuccess, onFailure);
    }

    /** Applies the outcome of a future started elsewhere (an engine call) on the FX thread. */
    public <T> CompletableFuture<Void> whenDone(CompletableFuture<? extends T> future, Consumer<? super T> onSuccess,
                                                Consumer<? super Throwable> onFailure) {
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
        CompletableFuture<Void> handled = new CompletableFuture<>();
        future.whenComplete((value, error) -> bridge.run(() -> {
            try {
                if (error == null) {
                    onSuccess.accept(value);
                } else {
                    onFailure.accept(unwrap(error));
                }
                handled.complete(null);
            } catch (RuntimeException e) {
                handled.completeExceptionally(e);
                throw e;
            }
        }));
        return handled;
    }

    /** The cause a person should read: without {@link CompletionException} or {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
