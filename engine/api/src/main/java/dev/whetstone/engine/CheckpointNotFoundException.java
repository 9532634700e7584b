package dev.whetstone.engine;

/** A {@code tinker://} path or adapter folder that does not resolve to a complete checkpoint. */
public class CheckpointNotFoundException extends WorkbenchException {
    public CheckpointNotFoundException(String message) {
        super(message);
    }
}
