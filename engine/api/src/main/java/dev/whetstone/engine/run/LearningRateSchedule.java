package dev.whetstone.engine.run;

import java.util.Objects;

/**
 * The learning rate at each optimizer step: linear warm-up from 0 to the peak over {@code warmupSteps},
 * then constant, linear decay or cosine decay to {@code finalRatio × peak} at the last step.
 *
 * @param kind        constant, linear or cosine
 * @param warmupSteps steps of linear warm-up (0 = none)
 * @param finalRatio  where linear and cosine end, as a fraction of the peak, in [0, 1]
 */
public record LearningRateSchedule(Kind kind, int warmupSteps, double finalRatio) {

    /** The shape of the decay after warm-up. */
    public enum Kind { CONSTANT, LINEAR, COSINE }

    public LearningRateSchedule {
        Objects.requireNonNull(kind, "kind");
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, was " + warmupSteps);
        }
        if (!(finalRatio >= 0 && finalRatio <= 1)) {
            throw new IllegalArgumentException("finalRatio must be in [0, 1], was " + finalRatio);
        }
    }

    /** A constant learning rate, no warm-up. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 0, 1);
    }

    /** Cosine decay to 10% after {@code warmupSteps}. */
    public static LearningRateSchedule cosine(int warmupSteps) {
        return new LearningRateSchedule(Kind.COSINE, warmupSteps, 0.1);
    }

    /** The learning rate of 0-based {@code step} out of {@code totalSteps}, for peak {@code peak}. */
    public double at(long step, long totalSteps, double peak) {
        if (step < warmupSteps) {
            return peak * (step + 1) / (warmupSteps + 1.0);
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
        return switch (kind) {
            case CONSTANT -> peak;
            case LINEAR -> peak * (1 - (1 - finalRatio) * progress);
            case COSINE -> peak * (finalRatio + (1 - finalRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
