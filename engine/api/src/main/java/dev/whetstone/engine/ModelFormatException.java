package dev.whetstone.engine;

/**
 * A model folder, adapter folder or weights file that cannot be used: missing, unreadable, garbled,
 * or of an unsupported architecture. The message names the file, the field and the fix.
 */
public class ModelFormatException extends WorkbenchException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
