package dev.whetstone.engine.wire;

/**
 * A message on the wire that does not follow Tinker's protocol: a field missing, of the wrong size or type,
 * or asking for something this engine does not do. Its message names the field, the value and the fix; a
 * server answers it with HTTP 400.
 */
public final class WireFormatException extends IllegalArgumentException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
