package dev.whetstone.engine.data;

import dev.whetstone.engine.WorkbenchException;

/** A dataset file that cannot be used at all (missing, unreadable, or of no format we know); rows' own problems are {@link DataProblem}s. */
public class DatasetException extends WorkbenchException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
