package dev.whetstone.engine.wire.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.wire.json.FutureMessages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a future's result with {@code retrieve_future} long polls, as the SDK does: {@code try_again}, 408
 * and 5xx poll again at once; a dropped connection or 429 backs off within the retry window; 410 means the server
 * lost the request (it restarted); an {@code {"error", "category"}} answer fails the future with that message.
 */
final class FuturePoller {
    private final Connection connection;

    FuturePoller(Connection connection) {
        this.connection = connection;
    }

    /** The final answer for {@code requestId}: JSON, or protobuf when {@code proto} and the server sends it. */
    CompletableFuture<Connection.Answer> result(String requestId, boolean proto) {
        CompletableFuture<Connection.Answer> result = new CompletableFuture<>();
        poll(requestId, proto, 0, 0, System.nanoTime(), result);
        return result;
    }

    private void poll(String requestId, boolean proto, int iteration, int failures, long since,
                      CompletableFuture<Connection.Answer> result) {
        Connection.Call call = Connection.Call.json("POST", "retrieve_future",
                new FutureMessages.FutureRetrieveRequest(requestId, false)).accepting(proto ? Connection.PROTO + ", " + Connection.JSON
                : Connection.JSON);
        connection.once(call, "whetstone-poll-" + requestId + "-" + iteration, 0).whenComplete((answer, error) -> {
            if (error != null || answer.status() == 429) {
                long delay = Connection.backoffMillis(failures);
                if (System.nanoTime() - since + delay * 1_000_000 > connection.options().retryWindow().toNanos()) {
                    result.completeExceptionally(new RemoteRequestException("lost the connection to the engine at "
                            + connection.base() + " while request " + requestId + " was pending"
                            + (error == null ? " (429)" : " (" + error.getCause() + ")")
                            + "; it may or may not have run: restart the server and resume from the last checkpoint",
                            "unknown", error == null ? 429 : 0, error));
                    return;
                }
                connection.timer().schedule(() -> poll(requestId, proto, iteration + 1, failures + 1, since, result),
                        delay, TimeUnit.MILLISECONDS);
                return;
            }
            int status = answer.status();
            if (status == 408 || status >= 500) {
                poll(requestId, proto, iteration + 1, 0, System.nanoTime(), result);
                return;
            }
            if (status == 410) {
                result.completeExceptionally(new RemoteRequestException("the engine at " + connection.base() + " no longer knows "
                        + "request " + requestId + " (it restarted, or the result expired); send the request again, or resume "
                        + "the run from its last checkpoint", "unknown", 410));
                return;
            }
            if (status / 100 != 2) {
                result.completeExceptionally(connection.refusal(call, answer));
                return;
            }
            if (answer.isProto()) {
                result.complete(answer);
                return;
            }
            JsonNode tree;
            try {
                tree = answer.tree();
            } catch (RemoteRequestException e) {
                result.completeExceptionally(e);
                return;
            }
            if ("try_again".equals(tree.path("type").asText())) {
                poll(requestId, proto, iteration + 1, 0, System.nanoTime(), result);
            } else if (tree.has("error") && tree.size() <= 3) {
                result.completeExceptionally(new RemoteRequestException(tree.get("error").asText(),
                        tree.path("category").asText("unknown"), 0));
            } else {
                result.complete(answer);
            }
        });
    }

    /** Submits {@code call} (retrying as the SDK does) and waits for its future's result. */
    CompletableFuture<Connection.Answer> submit(Connection.Call call, boolean proto) {
        return connection.send(call).thenCompose(answer -> {
            String requestId = answer.json(FutureMessages.UntypedApiFuture.class).requestId();
            if (requestId == null) {
                throw new RemoteRequestException("the engine answered " + call.path() + " without a request_id: " + answer.preview(),
                        "server", answer.status());
            }
            return result(requestId, proto);
        });
    }

}
