package dev.whetstone.app.runs;

import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.run.MetricsLine;
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
    private static final String EXACT_MATCH = ExactMatchEvaluator.METRIC;

    public MetricLine {
        methodMetrics = Map.copyOf(methodMetrics);
    }

    /** A line without DPO or GRPO metrics. */
    public MetricLine(long step, double loss, double evalLoss, double lr, double gradNorm, double tokensPerS,
                      double epoch, double elapsedS, double etaS, double exactMatch) {
        this(step, loss, evalLoss, lr, gradNorm, tokensPerS, epoch, elapsedS, etaS, exactMatch, Map.of());
    }

    /** A line without a held-out exact-match score. */
    public MetricLine(long step, double loss, double evalLoss, double lr, double gradNorm, double tokensPerS,
                      double epoch, double elapsedS, double etaS) {
        this(step, loss, evalLoss, lr, gradNorm, tokensPerS, epoch, elapsedS, etaS, Double.NaN);
    }

    /**
     * A metrics line as the charts plot it, or null for a score the dashboard does not chart. {@code RunJournal.metrics(dir)}
     * reads them from a run folder, {@code RunHandle.onMetrics} hands them over live. A DPO or GRPO step line carries
     * its method's metrics, and so does a held-out score that a method chart plots, under their {@code metrics.jsonl}
     * names ({@link MethodCharts#KEYS}).
     */
    public static MetricLine of(MetricsLine line) {
        double nan = Double.NaN;
        if (line instanceof MetricsLine.TrainingStep s) {
            return new MetricLine(s.step(), s.loss(), nan, s.lr(), s.gradNorm(), s.tokensPerS(), s.epoch(), s.elapsedS(),
                    s.etaS(), nan, methodMetrics(s));
        } else if (line instanceof MetricsLine.Eval e) {
            return new MetricLine(e.step(), nan, e.evalLoss(), nan, nan, nan, nan, nan, nan, nan);
        } else if (line instanceof MetricsLine.Score s && s.name().equals(EXACT_MATCH)) {
            return new MetricLine(s.step(), nan, nan, nan, nan, nan, nan, nan, nan, s.value());
        } else if (line instanceof MetricsLine.Score s && MethodCharts.KEYS.contains(s.name())) {
            return new MetricLine(s.step(), nan, nan, nan, nan, nan, nan, nan, nan, nan, Map.of(s.name(), s.value()));
        }
        return null;
    }

    /** A DPO or GRPO step's own metrics by their {@code metrics.jsonl} names; none for a supervised step. */
    private static Map<String, Double> methodMetrics(MetricsLine.TrainingStep step) {
        if (step instanceof MetricsLine.DpoStep d) {
            return Map.of("accuracy", d.accuracy(), "margin", d.margin(), "chosen_reward", d.chosenReward(),
                    "rejected_reward", d.rejectedReward());
        } else if (step instanceof MetricsLine.GrpoStep g) {
            return Map.of("reward_mean", g.rewardMean(), "reward_std", g.rewardStd(), "frac_no_signal", g.fracNoSignal(),
                    "completion_tokens", g.completionTokens(), "kl_sample_train_v1", g.klSampleTrainV1(),
                    "kl_sample_train_v2", g.klSampleTrainV2());
        }
        return Map.of();
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
}
