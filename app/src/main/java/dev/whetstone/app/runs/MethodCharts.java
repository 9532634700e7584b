package dev.whetstone.app.runs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The charts a DPO or GRPO run adds to its dashboard, and the metrics they plot (the step lines' method fields and the
 * held-out scores of {@code metrics.jsonl}). A run shows the charts of the method whose metrics its lines carry.
 */
public final class MethodCharts {

    /** One chart: its title and the metric key and legend name of each series. */
    public record Spec(String id, String title, List<String> keys, List<String> names) {
        public Spec {
            keys = List.copyOf(keys);
            names = List.copyOf(names);
        }
    }

    /** DPO: the step's and the held-out preference accuracy; the implicit rewards (β·log-ratio to the reference). */
    public static final List<Spec> DPO = List.of(
            new Spec("dashboard-dpo-accuracy", "Preference accuracy", List.of("accuracy", "eval/preference_accuracy"),
                    List.of("batch (reward)", "held out (model prefers chosen)")),
            new Spec("dashboard-dpo-rewards", "Implicit rewards (β · log-ratio)", List.of("chosen_reward", "rejected_reward", "margin"),
                    List.of("chosen", "rejected", "margin")));

    /** GRPO: reward mean and spread, held-out mean and the share of groups with no signal; KL; completion length. */
    public static final List<Spec> GRPO = List.of(
            new Spec("dashboard-grpo-reward", "Reward", List.of("reward_mean", "reward_std", "eval/reward_mean", "frac_no_signal"),
                    List.of("mean", "std", "held-out mean", "groups without signal")),
            new Spec("dashboard-grpo-kl", "KL sampler → learner", List.of("kl_sample_train_v1", "kl_sample_train_v2"),
                    List.of("v1 (mean diff)", "v2 (½ mean sq. diff)")),
            new Spec("dashboard-grpo-length", "Completion length (tokens)", List.of("completion_tokens"), List.of("mean")));

    /** Every metric the method charts plot. */
    public static final Set<String> KEYS = keys();

    private MethodCharts() {
    }

    /** The charts of the method whose metrics {@code plots} holds, or none (an SFT run). */
    public static List<Spec> of(Map<String, Plot> plots) {
        if (plots.getOrDefault("accuracy", Plot.EMPTY).size() > 0 || plots.getOrDefault("eval/preference_accuracy", Plot.EMPTY).size() > 0) {
            return DPO;
        }
        if (plots.getOrDefault("reward_mean", Plot.EMPTY).size() > 0 || plots.getOrDefault("eval/reward_mean", Plot.EMPTY).size() > 0) {
            return GRPO;
        }
        return List.of();
    }

    private static Set<String> keys() {
        Set<String> all = new LinkedHashSet<>();
        DPO.forEach(s -> all.addAll(s.keys()));
        GRPO.forEach(s -> all.addAll(s.keys()));
        return Set.copyOf(all);
    }
}
