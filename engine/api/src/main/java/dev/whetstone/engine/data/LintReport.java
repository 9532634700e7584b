package dev.whetstone.engine.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link DatasetLint}: problems (the first {@link DatasetLint#MAX_KEPT_PROBLEMS} kept,
 * all counted by rule), the token-length histogram, and totals. A report with any
 * {@link Severity#ERROR} is {@link #blocking()}: the run must not start.
 *
 * @param rows           training rows read
 * @param validationRows validation rows read
 * @param trainedTokens  trained target tokens over the training rows, after truncation
 */
public record LintReport(long rows, long validationRows, long trainedTokens, List<DataProblem> problems,
        Map<LintRule, Long> counts, TokenLengthHistogram histogram) {

    public LintReport {
        problems = List.copyOf(problems);
        counts = Map.copyOf(counts);
        Objects.requireNonNull(histogram, "histogram");
    }

    /** Whether any problem blocks the run. */
    public boolean blocking() {
        return counts.keySet().stream().anyMatch(rule -> rule.severity().blocking());
    }

    /** How many problems of {@code rule} were found. */
    public long count(LintRule rule) {
        return counts.getOrDefault(rule, 0L);
    }

    /** The kept problems of one rule. */
    public List<DataProblem> problems(LintRule rule) {
        return problems.stream().filter(p -> p.rule() == rule).toList();
    }
}
