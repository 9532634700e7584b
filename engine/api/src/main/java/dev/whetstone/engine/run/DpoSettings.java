package dev.whetstone.engine.run;

import dev.whetstone.engine.preference.DpoVariant;

/**
 * A DPO run's settings, part of {@link TrainingConfig}. The reference model is the one the run starts from (the base
 * model with the adapter still zero, or the {@code fromCheckpoint} weights); its log-probabilities of every pair
 * are computed once, before the first step, and kept in the run folder.
 *
 * <p>Example: {@code config.withDpo(DpoSettings.defaults().withBeta(0.2))}
 *
 * @param beta        how strongly the policy is held near the reference, > 0 (0.1 as the DPO paper and tinker-cookbook)
 * @param loss        {@code sigmoid} (DPO) or {@code ipo}
 * @param heldoutFile preference pairs scored for held-out preference accuracy at step 0, each evaluation and the end;
 *                    null = the validation split of the dataset
 */
public record DpoSettings(double beta, String loss, String heldoutFile) {

    public DpoSettings {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be > 0, was " + beta);
        }
        DpoVariant.of(loss);
        if (heldoutFile != null && heldoutFile.isBlank()) {
            throw new IllegalArgumentException("heldoutFile must be null or a path, was blank");
        }
    }

    /** β 0.1, the sigmoid loss, the validation split held out. */
    public static DpoSettings defaults() {
        return new DpoSettings(0.1, "sigmoid", null);
    }

    public DpoSettings withBeta(double v) {
        return new DpoSettings(v, loss, heldoutFile);
    }

    public DpoSettings withLoss(String v) {
        return new DpoSettings(beta, v, heldoutFile);
    }

    public DpoSettings withHeldoutFile(String v) {
        return new DpoSettings(beta, loss, v);
    }

    /** The loss as an enum. */
    public DpoVariant variant() {
        return DpoVariant.of(loss);
    }
}
