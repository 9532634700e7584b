package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.DataProblem;
import java.util.Objects;

/**
 * One line of the lint panel: the row it points at (0 for the whole file), whether it blocks a run, and
 * what is wrong.
 *
 * @param rowNumber 1-based row in the editor, 0 for none
 * @param blocking  whether it stops a run
 * @param rule      the rule's title
 * @param message   the field and what is wrong
 */
public record LintFinding(int rowNumber, boolean blocking, String rule, String message) {

    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** The finding of {@code problem}, whose line is the editor's row number. */
    static LintFinding of(DataProblem problem) {
        String field = problem.field().isEmpty() ? "" : problem.field() + " — ";
        return new LintFinding((int) problem.where().line(), problem.blocking(), problem.rule().title(),
                field + problem.message());
    }

    /** {@code "row 4 · error · Empty assistant turn: messages[1].content — …"} */
    @Override
    public String toString() {
        return (rowNumber > 0 ? "row " + rowNumber + " · " : "") + (blocking ? "error" : "warning") + " · " + rule + ": "
                + message;
    }
}
