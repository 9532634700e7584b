package dev.whetstone.engine.reward;

import dev.whetstone.engine.WorkbenchException;

/** A reward that could not be computed: the program failed, hung, or its answer could not be read. The message says which and what to do. */
public class RewardException extends WorkbenchException {
    public RewardException(String message) {
        super(message);
    }

    public RewardException(String message, Throwable cause) {
        super(message, cause);
    }
}
