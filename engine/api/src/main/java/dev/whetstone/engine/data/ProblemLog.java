package dev.whetstone.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found while reading or linting a dataset: every one is counted by rule, the first
 * {@code keep} are kept in order (a million bad lines must not fill the heap).
 */
final class ProblemLog {

    private final int keep;
    private final List<DataProblem> kept = new ArrayList<>();
    private final Map<LintRule, Long> counts = new EnumMap<>(LintRule.class);

    ProblemLog(int keep) {
        this.keep = keep;
    }

    void add(DataProblem problem) {
        counts.merge(problem.rule(), 1L, Long::sum);
        if (kept.size() < keep) {
            kept.add(problem);
        }
    }

    void add(LintRule rule, SourceLine where, String field, String message) {
        add(DataProblem.of(rule, where, field, message));
    }

    List<DataProblem> kept() {
        return Collections.unmodifiableList(kept);
    }

    Map<LintRule, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
