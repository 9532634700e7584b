package dev.whetstone.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One line of a run's {@code metrics.jsonl}, a step line or an eval line; a value the line lacks is NaN.
 *
 * @param step       the optimizer step
 * @param loss       mean train loss per trained token
 * @param evalLoss   validation loss
 * @param lr         learning rate
 * @param gradNorm   gradient norm before clipping
 * @param tokensPerS input tokens per second
 * @param epoch      the epoch (0-based)
 * @param elapsedS   seconds since the run started
 * @param etaS       estimated seconds left
 * @param exactMatch held-out exact match ({@code eval/exact_match}), in [0, 1]
 * @param methodMetrics the DPO or GRPO metrics the line carries ({@link MethodCharts#KEYS})
 */
public record MetricLine(long step, double loss, double evalLoss, double lr, double gradNorm, double tokensPerS,
                         double epoch, double elapsedS, double etaS, double exactMatch, Map<String, Double> methodMetrics) {

    public MetricLine {
        methodMetrics = Map.copyOf(methodMetrics);
    }

    /** A line without DPO or GRPO metrics. */
    public MetricLine(long step, double loss, double evalLoss, double lr, double gradNorm, double tokensPerS,
                      double epoch, double elapsedS, double etaS, double exactMatch) {
        this(step, loss, evalLoss, lr, gradNorm, tokensPerS, epoch, elapsedS, etaS, exactMatch, Map.of());
    }
    private static final String EXACT_MATCH = dev.whetstone.engine.eval.ExactMatchEvaluator.METRIC;

    /** A line without a held-out exact-match score. */
    public MetricLine(long step, double loss, double evalLoss, double lr, double gradNorm, double tokensPerS,
                      double epoch, double elapsedS, double etaS) {
        this(step, loss, evalLoss, lr, gradNorm, tokensPerS, epoch, elapsedS, etaS, Double.NaN);
    }

    /** A line as {@code RunJournal.metrics(dir)} reads it. */
    public static MetricLine of(JsonNode line) {
        Map<String, Double> method = new java.util.HashMap<>();
        for (String key : MethodCharts.KEYS) {
            double v = num(line, key);
            if (!Double.isNaN(v)) {
                method.put(key, v);
            }
        }
        return new MetricLine(line.path("step").asLong(), num(line, "loss"), num(line, "eval_loss"), num(line, "lr"),
                num(line, "grad_norm"), num(line, "tokens_per_s"), num(line, "epoch"), num(line, "elapsed_s"),
                num(line, "eta_s"), num(line, EXACT_MATCH), method);
    }

    /** A line as a live run hands it to {@code RunHandle.onMetrics}. */
    public static MetricLine of(Map<String, Object> line) {
        Map<String, Double> method = new java.util.HashMap<>();
        for (String key : MethodCharts.KEYS) {
            double v = num(line, key);
            if (!Double.isNaN(v)) {
                method.put(key, v);
            }
        }
        return new MetricLine(((Number) line.getOrDefault("step", 0)).longValue(), num(line, "loss"),
                num(line, "eval_loss"), num(line, "lr"), num(line, "grad_norm"), num(line, "tokens_per_s"),
                num(line, "epoch"), num(line, "elapsed_s"), num(line, "eta_s"), num(line, EXACT_MATCH), method);
    }

    /** A step line with just a loss, for tests and benchmarks. */
    public static MetricLine loss(long step, double loss) {
        double nan = Double.NaN;
        return new MetricLine(step, loss, nan, nan, nan, nan, nan, nan, nan);
    }

    /** Whether this is a training step line (it has a loss), not an eval line. */
    public boolean isStep() {
        return !Double.isNaN(loss);
    }

    private static double num(JsonNode line, String key) {
        JsonNode v = line.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static double num(Map<String, Object> line, String key) {
        return line.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
