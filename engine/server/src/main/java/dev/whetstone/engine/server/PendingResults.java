package dev.whetstone.engine.server;

import dev.whetstone.engine.EngineFailureException;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.wire.json.FutureMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The futures of asynchronous calls, by request id: {@code retrieve_future} long-polls them. A result is kept for
 * a while after it completes (so client retries find it); more than the limit of unfinished ones gets 429.
 */
final class PendingResults {
    private static final Duration RETENTION = Duration.ofMinutes(15);

    private record Entry(CompletableFuture<Result> result, Instant created, Instant[] completed) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final int maxUnfinished;
    private final Duration longPoll;

    PendingResults(int maxUnfinished, Duration longPoll) {
        this.maxUnfinished = maxUnfinished;
        this.longPoll = longPoll;
    }

    /** Refuses with 429 when too many requests are unfinished; call before queueing work. */
    void requireCapacity() {
        if (unfinished.get() >= maxUnfinished) {
            throw HttpError.tooMany(unfinished.get() + " requests are still running (the limit is " + maxUnfinished
                    + "); wait for some results before sending more");
        }
    }

    /** Registers {@code result} and returns its new request id. */
    String add(CompletableFuture<Result> result) {
        String id = UUID.randomUUID().toString();
        Entry entry = new Entry(result, Instant.now(), new Instant[1]);
        entries.put(id, entry);
        unfinished.incrementAndGet();
        result.whenComplete((r, e) -> {
            entry.completed()[0] = Instant.now();
            unfinished.decrementAndGet();
        });
        return id;
    }

    /**
     * The reply to a poll of {@code requestId}: the result (or its failure as {@code {"error", "category"}}) as soon as
     * it is done, or {@code try_again} after the long-poll time.
     */
    CompletableFuture<Reply> poll(String requestId, boolean acceptsProto) {
        Entry entry = requestId == null ? null : entries.get(requestId);
        if (entry == null) {
            throw HttpError.gone("request " + requestId + " is unknown to this server: it restarted or the result expired "
                    + "(results are kept " + RETENTION.toMinutes() + " minutes); send the request again");
        }
        return entry.result().handle((result, error) -> error == null ? result.render(acceptsProto) : failed(error))
                .completeOnTimeout(Reply.json(FutureMessages.TryAgainResponse.active(requestId)), longPoll.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** A failed request as the SDK reads it: HTTP 200 with the message and whose fault it was. */
    static Reply failed(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String category = e instanceof EngineFailureException ? "server"
                : e instanceof IllegalArgumentException || e instanceof WorkbenchException || e instanceof HttpError ? "user"
                : e instanceof CancellationException ? "server" : "unknown";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Reply.json(new FutureMessages.RequestFailedResponse(message, category));
    }

    /** Forgets results completed more than the retention time ago. */
    void sweep(Instant now) {
        entries.values().removeIf(e -> e.completed()[0] != null && e.completed()[0].plus(RETENTION).isBefore(now));
    }

    /** How many requests are queued or running. */
    int unfinished() {
        return unfinished.get();
    }
}
