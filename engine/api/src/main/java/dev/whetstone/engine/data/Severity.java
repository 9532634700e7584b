package dev.whetstone.engine.data;

/** How bad a {@link DataProblem} is: an {@code ERROR} blocks a run until fixed, a {@code WARNING} does not. */
public enum Severity {
    ERROR,
    WARNING;

    /** Whether a run must not start while a problem of this severity is open. */
    public boolean blocking() {
        return this == ERROR;
    }
}
