package dev.whetstone.app.engine;

import dev.whetstone.engine.EngineLostException;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.WorkbenchException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One engine the app opened (in this process, a child engine process, or a remote server): its client, what it is
 * called, and every call still waiting on it, so that when the engine goes away each of those fails at once with
 * an {@link EngineLostException} instead of waiting on a connection that will not answer.
 */
final class OpenedEngine {
    private final ServiceClient client;
    private final URI baseUrl;
    private final String name;
    private final boolean tokenizesLocally;
    private final CompletableFuture<String> ended;
    private final Runnable shutdown;
    private final ExecutorService calls;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile EngineLostException lost;

    /**
     * @param client           the engine's client
     * @param baseUrl          where it answers, or null in this process
     * @param name             how the status bar names it ("engine process 4711")
     * @param tokenizesLocally whether tokenizers come from this machine by model name (an engine behind the wire)
     * @param ended            completes with what happened when the engine ends on its own (never, for most)
     * @param shutdown         closes the client and stops what was started for it
     * @param calls            runs the client's blocking calls, so that they too can fail when the engine is lost
     */
    OpenedEngine(ServiceClient client, URI baseUrl, String name, boolean tokenizesLocally, CompletableFuture<String> ended,
                 Runnable shutdown, ExecutorService calls) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.name = name;
        this.tokenizesLocally = tokenizesLocally;
        this.ended = ended;
        this.shutdown = shutdown;
        this.calls = calls;
    }

    ServiceClient client() {
        return client;
    }

    /** Where the engine answers; null for the engine in this process. */
    URI baseUrl() {
        return baseUrl;
    }

    String name() {
        return name;
    }

    boolean tokenizesLocally() {
        return tokenizesLocally;
    }

    /** Completes with a sentence saying how the engine ended, when it ends by itself. */
    CompletableFuture<String> ended() {
        return ended;
    }

    boolean isLost() {
        return lost != null;
    }

    /** The future of {@code call}, failing with the loss as soon as the engine is lost. */
    <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        pending.add(out);
        EngineLostException already = lost;
        if (already != null) {
            pending.remove(out);
            out.completeExceptionally(already);
            return out;
        }
        CompletableFuture<T> inner;
        try {
            inner = call.get();
        } catch (RuntimeException e) {
            pending.remove(out);
            out.completeExceptionally(lost != null ? lost : e);
            return out;
        }
        inner.whenComplete((value, error) -> {
            pending.remove(out);
            if (error == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(lost != null ? lost : error);
            }
        });
        if (lost != null) {
            out.completeExceptionally(lost);
        }
        return out;
    }

    /** A blocking call of the client, run on the call pool and guarded; its result, or its failure unwrapped. */
    <T> T call(Supplier<T> blocking) {
        return join(guard(() -> CompletableFuture.supplyAsync(blocking, calls)));
    }

    /** Marks the engine lost: every waiting call fails with {@code why}, and so does every later one. */
    void lose(EngineLostException why) {
        lost = why;
        for (CompletableFuture<?> waiting : pending) {
            waiting.completeExceptionally(why);
        }
        pending.clear();
    }

    /** Closes the client and stops the engine if it was started for it. */
    void shutdown() {
        shutdown.run();
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new WorkbenchException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
