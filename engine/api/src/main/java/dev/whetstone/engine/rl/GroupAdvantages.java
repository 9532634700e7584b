package dev.whetstone.engine.rl;

/**
 * GRPO's advantages for one group of completions of the same prompt: each reward minus the group's mean, divided by
 * the group's standard deviation (unbiased, as {@code torch.std}, plus 1e-4, as TRL) when asked. A group whose rewards
 * are all equal has no signal: every advantage is 0 and it teaches nothing (tinker-cookbook drops such groups).
 *
 * <p>Example: {@code double[] a = GroupAdvantages.of(new double[] {1, 0, 0, 1}, false);} gives {@code [0.5, -0.5, -0.5, 0.5]}.
 */
public final class GroupAdvantages {
    /** Added to the standard deviation before dividing. */
    public static final double STD_EPSILON = 1e-4;

    private GroupAdvantages() {
    }

    /** The advantage of each completion in the group. */
    public static double[] of(double[] rewards, boolean normalizeStd) {
        if (rewards.length < 2) {
            throw new IllegalArgumentException("a group needs at least 2 completions, had " + rewards.length);
        }
        double mean = mean(rewards);
        double[] advantages = new double[rewards.length];
        if (!hasSignal(rewards)) {
            return advantages;
        }
        double std = normalizeStd ? std(rewards, mean) : 1;
        for (int i = 0; i < rewards.length; i++) {
            advantages[i] = normalizeStd ? (rewards[i] - mean) / (std + STD_EPSILON) : rewards[i] - mean;
        }
        return advantages;
    }

    /** Whether the rewards differ at all (otherwise every advantage is 0). */
    public static boolean hasSignal(double[] rewards) {
        for (double r : rewards) {
            if (r != rewards[0]) {
                return true;
            }
        }
        return false;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The unbiased standard deviation (divides by n − 1). */
    static double std(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
