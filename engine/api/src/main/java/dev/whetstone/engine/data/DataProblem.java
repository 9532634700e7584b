package dev.whetstone.engine.data;

import java.util.Objects;

/**
 * One problem found in a dataset, printed as {@code file:line: field — message}: a row the reader
 * could not load, or a lint finding.
 *
 * <p>{@code DataProblem.of(LintRule.EMPTY_ASSISTANT, where, "messages[1].content", "the assistant turn is empty")}
 *
 * @param severity {@link Severity#ERROR} blocks a run, {@link Severity#WARNING} does not; the rule's own
 * @param rule     what kind of problem
 * @param where    the file and line
 * @param field    the JSON path or CSV column at fault, or {@code ""} for the whole row
 * @param message  what is wrong and, where it helps, what to do
 */
public record DataProblem(Severity severity, LintRule rule, SourceLine where, String field, String message) {

    public DataProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** A problem with the rule's own severity. */
    public static DataProblem of(LintRule rule, SourceLine where, String field, String message) {
        return new DataProblem(rule.severity(), rule, where, field, message);
    }

    /** Whether this problem stops a run. */
    public boolean blocking() {
        return severity.blocking();
    }

    @Override
    public String toString() {
        return where + ": " + (field.isEmpty() ? "" : field + " — ") + message;
    }
}
