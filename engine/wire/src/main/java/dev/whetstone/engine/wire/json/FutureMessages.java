package dev.whetstone.engine.wire.json;

/** The JSON of futures: the answer of every asynchronous call, and the polls of {@code retrieve_future}. */
public final class FutureMessages {
    private FutureMessages() {
    }

    /** The immediate answer of an asynchronous call; the result comes from retrieve_future. */
    public record UntypedApiFuture(String requestId, String modelId) {
    }

    /** {@code POST /retrieve_future}. */
    public record FutureRetrieveRequest(String requestId, Boolean allowMetadataOnly) {
    }

    /** Not ready yet: the SDK polls again at once. */
    public record TryAgainResponse(String type, String requestId, String queueState) {
        /** {@code TryAgainResponse.active(id)}: the request is queued or running. */
        public static TryAgainResponse active(String requestId) {
            return new TryAgainResponse("try_again", requestId, "active");
        }
    }

    /** The request failed; {@code category} is {@code user}, {@code server} or {@code unknown}. */
    public record RequestFailedResponse(String error, String category) {
    }
}
