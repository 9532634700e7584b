package dev.whetstone.engine;

/**
 * An expected problem while the engine works (a missing model file, a bad checkpoint, out of memory),
 * with a message that says what failed and what to do about it.
 *
 * <p>Futures returned by the clients complete exceptionally with a subclass of this type; the engine
 * keeps serving later requests.
 */
public class WorkbenchException extends RuntimeException {
    public WorkbenchException(String message) {
        super(message);
    }

    public WorkbenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
