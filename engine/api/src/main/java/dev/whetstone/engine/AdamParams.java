package dev.whetstone.engine;

/**
 * The settings of one {@code optimStep}: AdamW with decoupled weight decay, identical to
 * {@code torch.optim.AdamW}, and optional clipping by global L2 gradient norm.
 *
 * <p>Defaults are Tinker's ({@code weightDecay} 0, unlike PyTorch's 0.01; no clipping):
 * {@code AdamParams.defaults().withLearningRate(2e-4).withEps(1e-8)}
 *
 * @param learningRate step size, {@code > 0}
 * @param beta1        first-moment decay, in {@code [0, 1)}
 * @param beta2        second-moment decay, in {@code [0, 1)}
 * @param eps          added to the root of the second moment, {@code > 0}
 * @param weightDecay  decoupled weight decay, {@code >= 0}
 * @param gradClipNorm maximum global gradient norm, {@code >= 0}; 0 means no clipping
 */
public record AdamParams(double learningRate, double beta1, double beta2, double eps, double weightDecay,
                         double gradClipNorm) {

    private static final AdamParams DEFAULTS = new AdamParams(1e-4, 0.9, 0.95, 1e-12, 0.0, 0.0);

    public AdamParams {
        requirePositiveFinite("learningRate", learningRate);
        requireBeta("beta1", beta1);
        requireBeta("beta2", beta2);
        requirePositiveFinite("eps", eps);
        requireNonNegativeFinite("weightDecay", weightDecay);
        requireNonNegativeFinite("gradClipNorm", gradClipNorm);
    }

    /** Tinker's defaults: learning rate 1e-4, betas 0.9 and 0.95, eps 1e-12, no weight decay, no clipping. */
    public static AdamParams defaults() {
        return DEFAULTS;
    }

    /** {@code AdamParams.defaults().withLearningRate(3e-4)} */
    public AdamParams withLearningRate(double learningRate) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    /** {@code AdamParams.defaults().withBeta1(0.8)} */
    public AdamParams withBeta1(double beta1) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    /** {@code AdamParams.defaults().withBeta2(0.999)} */
    public AdamParams withBeta2(double beta2) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    /** {@code AdamParams.defaults().withEps(1e-8)} */
    public AdamParams withEps(double eps) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    /** {@code AdamParams.defaults().withWeightDecay(0.01)} */
    public AdamParams withWeightDecay(double weightDecay) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    /** {@code AdamParams.defaults().withGradClipNorm(1.0)} */
    public AdamParams withGradClipNorm(double gradClipNorm) {
        return new AdamParams(learningRate, beta1, beta2, eps, weightDecay, gradClipNorm);
    }

    private static void requirePositiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
        }
    }

    private static void requireNonNegativeFinite(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + value);
        }
    }

    private static void requireBeta(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
        }
    }
}
