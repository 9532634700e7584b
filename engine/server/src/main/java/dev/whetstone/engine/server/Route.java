package dev.whetstone.engine.server;

import java.util.concurrent.CompletableFuture;

/** One endpoint: the reply to a call, possibly later (a long poll). */
@FunctionalInterface
interface Route {

    CompletableFuture<Reply> handle(HttpCall call);

    /** A route that answers at once. */
    static Route now(java.util.function.Function<HttpCall, Reply> handler) {
        return call -> CompletableFuture.completedFuture(handler.apply(call));
    }
}
