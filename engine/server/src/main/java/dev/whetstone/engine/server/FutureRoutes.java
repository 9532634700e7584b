package dev.whetstone.engine.server;

import dev.whetstone.engine.wire.json.FutureMessages;

/**
 * {@code retrieve_future}: a long poll. The answer comes as soon as the result is ready (protobuf for
 * forward/backward and sampling results when the client accepts it), or {@code try_again} after the long-poll
 * time, which the SDK re-polls at once.
 */
final class FutureRoutes {
    private final PendingResults results;

    FutureRoutes(PendingResults results) {
        this.results = results;
    }

    void register(Router router) {
        router.add("POST", "retrieve_future", call -> results.poll(
                call.json(FutureMessages.FutureRetrieveRequest.class).requestId(), call.acceptsProto()));
    }
}
