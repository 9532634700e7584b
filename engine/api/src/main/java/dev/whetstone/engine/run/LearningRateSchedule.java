package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The learning rate at each optimizer step: linear warm-up from 0 to the peak, then constant, linear decay or
 * cosine decay to {@code finalRatio × peak} at the last step. The warm-up is a share of the run
 * ({@code warmupFraction}) capped at {@code warmupSteps}, so a 10-step run reaches its peak at its second step
 * while a long run warms up over {@code warmupSteps}; with {@code warmupFraction} 0 it is {@code warmupSteps}
 * whatever the run's length (the schedules written before the fraction existed read that way).
 *
 * <p>{@code LearningRateSchedule.cosineWarmup(0.1, 10).at(step, totalSteps, 2e-4)}
 *
 * @param kind           constant, linear or cosine
 * @param warmupSteps    steps of linear warm-up (0 = none); the cap when {@code warmupFraction} is set
 * @param finalRatio     where linear and cosine end, as a fraction of the peak, in [0, 1]
 * @param warmupFraction the share of the run's steps that warm up, in [0, 1]; 0 = {@code warmupSteps} exactly (and
 *                       left out of {@code run.json}, so a schedule written before the field existed reads and writes
 *                       back unchanged)
 */
public record LearningRateSchedule(Kind kind, int warmupSteps, double finalRatio,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) double warmupFraction) {

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
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1], was " + warmupFraction);
        }
    }

    /** A schedule whose warm-up is {@code warmupSteps} whatever the run's length. */
    public LearningRateSchedule(Kind kind, int warmupSteps, double finalRatio) {
        this(kind, warmupSteps, finalRatio, 0);
    }

    /** A constant learning rate, no warm-up. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 0, 1);
    }

    /** Cosine decay to 10% after exactly {@code warmupSteps}. */
    public static LearningRateSchedule cosine(int warmupSteps) {
        return new LearningRateSchedule(Kind.COSINE, warmupSteps, 0.1);
    }

    /**
     * Cosine decay to 10% after warming up over {@code fraction} of the run, at most {@code maxWarmupSteps}:
     * {@code cosineWarmup(0.1, 10)} warms up 1 step of 10, 5 of 50, 10 of 100 and 10 of 10,000.
     */
    public static LearningRateSchedule cosineWarmup(double fraction, int maxWarmupSteps) {
        return new LearningRateSchedule(Kind.COSINE, maxWarmupSteps, 0.1, fraction);
    }

    /** This schedule with warm-up {@code steps} (the cap, when the warm-up is a fraction). */
    public LearningRateSchedule withWarmupSteps(int steps) {
        return new LearningRateSchedule(kind, steps, finalRatio, warmupFraction);
    }

    /** The steps of warm-up in a run of {@code totalSteps}: {@code floor(warmupFraction × totalSteps)}, at most {@code warmupSteps}. */
    public int warmupFor(long totalSteps) {
        if (warmupFraction == 0) {
            return warmupSteps;
        }
        return (int) Math.min(warmupSteps, (long) Math.floor(warmupFraction * totalSteps));
    }

    /** The learning rate of 0-based {@code step} out of {@code totalSteps}, for peak {@code peak}. */
    public double at(long step, long totalSteps, double peak) {
        int warmup = warmupFor(totalSteps);
        if (step < warmup) {
            return peak * (step + 1) / (warmup + 1.0);
        }
        long decaySteps = Math.max(1, totalSteps - warmup - 1);
        double progress = Math.min(1.0, (step - warmup) / (double) decaySteps);
        return switch (kind) {
            case CONSTANT -> peak;
            case LINEAR -> peak * (1 - (1 - finalRatio) * progress);
            case COSINE -> peak * (finalRatio + (1 - finalRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
