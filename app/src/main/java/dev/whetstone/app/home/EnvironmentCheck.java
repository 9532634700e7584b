package dev.whetstone.app.home;

import java.util.Objects;

/**
 * One line of the Home pane's environment status: what was checked, what was found, and what to do if it
 * needs attention.
 *
 * @param name   what was checked: "Device", "Native library", "Disk", "Java"
 * @param value  what was found, e.g. "cpu (no CUDA device visible)"
 * @param status how it looks
 * @param advice what to do about it; empty when nothing needs doing
 */
public record EnvironmentCheck(String name, String value, Status status, String advice) {

    /** How a check looks. */
    public enum Status { CHECKING, OK, ATTENTION, PROBLEM }

    public EnvironmentCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(advice, "advice");
    }

    /** A check still running. */
    public static EnvironmentCheck checking(String name) {
        return new EnvironmentCheck(name, "checking…", Status.CHECKING, "");
    }
}
