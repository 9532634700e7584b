package dev.whetstone.engine.local.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for the current thread.
 *
 * <p>Torch's grad mode is thread-local; DJL's {@code GradientCollector} additionally holds a global
 * flag that forbids two collectors at once, which would serialise two models training on two device
 * threads. The engine therefore switches grad mode itself, on its device thread only:
 * {@code try (Autograd.Recording r = Autograd.record()) { ...forward...; Autograd.backward(loss); }}.
 */
public final class Autograd {
    private Autograd() {
    }

    /** Turns gradient recording on for this thread until the returned scope closes. */
    public static Recording record() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        return new Recording(previous);
    }

    /** Turns gradient recording off for this thread (the default on the device thread). */
    public static void disable() {
        JniUtils.setGradMode(false);
    }

    /** Backpropagates a scalar {@code target}; gradients accumulate on leaves that require them. */
    public static void backward(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            backward(target, ones);
        }
    }

    /** Backpropagates {@code target} with upstream gradient {@code gradient} (same shape). */
    public static void backward(NDArray target, NDArray gradient) {
        JniUtils.backward((PtNDArray) target, (PtNDArray) gradient, false, false);
    }

    /** Restores the previous grad mode when closed. */
    public static final class Recording implements AutoCloseable {
        private final boolean previous;

        private Recording(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            JniUtils.setGradMode(previous);
        }
    }
}
