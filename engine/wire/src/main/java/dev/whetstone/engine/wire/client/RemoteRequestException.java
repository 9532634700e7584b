package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.WorkbenchException;

/**
 * A call the remote engine refused or could not run, with the server's own message: {@code category} is
 * {@code user} (the request was wrong), {@code server} or {@code unknown}, as Tinker reports it; {@code status} is
 * the HTTP status, or 0 when the failure came from a finished future or the connection.
 */
public class RemoteRequestException extends WorkbenchException {
    private final String category;
    private final int status;

    public RemoteRequestException(String message, String category, int status) {
        super(message);
        this.category = category;
        this.status = status;
    }

    public RemoteRequestException(String message, String category, int status, Throwable cause) {
        super(message, cause);
        this.category = category;
        this.status = status;
    }

    /** {@code user}, {@code server} or {@code unknown}. */
    public String category() {
        return category;
    }

    /** The HTTP status of the refusal, or 0. */
    public int status() {
        return status;
    }
}
