package dev.whetstone.engine;

/**
 * A request that failed while running on the device (out of memory, a native error). The request is
 * lost; the model and the client stay usable.
 */
public class EngineFailureException extends WorkbenchException {
    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
