package dev.whetstone.engine.run;

/**
 * Watches each step's loss and gradient norm: a NaN or infinity, or a loss above {@code spikeFactor}
 * times its recent average (after a few steps of history), counts as divergence.
 */
final class DivergenceGuard {
    private static final int WARM_UP_STEPS = 5;
    private static final double SMOOTHING = 0.1;
    private final double spikeFactor;
    private double average = Double.NaN;
    private int seen;

    /** What the guard saw, or null when the step looks healthy. */
    record Finding(String what, double value, String suggestion) {
    }

    DivergenceGuard(double spikeFactor) {
        this.spikeFactor = spikeFactor;
    }

    /** Checks one step; healthy steps update the running average. */
    Finding check(double loss, double gradNorm) {
        if (!Double.isFinite(loss)) {
            return new Finding("loss", loss, "the loss became " + loss + ": lower the learning rate (e.g. ×0.3), "
                    + "enable gradient clipping, and check the data for empty or extreme examples");
        }
        if (!Double.isFinite(gradNorm)) {
            return new Finding("grad_norm", gradNorm, "the gradient norm became " + gradNorm
                    + ": lower the learning rate and enable gradient clipping (gradClipNorm 1.0)");
        }
        if (spikeFactor > 0 && seen >= WARM_UP_STEPS && loss > spikeFactor * average && loss - average > 1.0) {
            return new Finding("loss_spike", loss, String.format("the loss jumped to %.3g, %.1f× its recent average of %.3g: "
                    + "lower the learning rate or add warm-up steps", loss, loss / average, average));
        }
        average = seen == 0 ? loss : (1 - SMOOTHING) * average + SMOOTHING * loss;
        seen++;
        return null;
    }

    /** Checks only that the loss and the gradient norm are finite (a loss whose swings are not divergence). */
    Finding checkFinite(double loss, double gradNorm) {
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
            return check(loss, gradNorm);
        }
        return null;
    }

    /** Forgets the history (after a rollback). */
    void reset() {
        average = Double.NaN;
        seen = 0;
    }
}
