package dev.whetstone.engine.server;

/**
 * A request the server refuses, with the HTTP status and a message that names the problem and the fix
 * ({@code throw HttpError.notFound("unknown model 'x'; ...")}); the handler turns it into {@code {"detail": ...}}.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** The request id is unknown: the server restarted or the result expired. */
    static HttpError gone(String message) {
        return new HttpError(410, message);
    }

    static HttpError tooMany(String message) {
        return new HttpError(429, message);
    }
}
