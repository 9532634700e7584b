package dev.whetstone.engine.local.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A frozen linear layer {@code y = x·Wᵀ + b} of the base model.
 *
 * <p>On CUDA the weight is float16 while activations stay float32: the input is narrowed for the
 * matmul and the result widened again, so norms, softmax and the loss keep full precision. Both casts
 * keep the autograd graph when the input is part of it.
 *
 * @param weight [out, in]
 * @param bias   [out], or null
 */
public record Linear(NDArray weight, NDArray bias) {
    /** {@code -Dwhetstone.halfCast=cumprod} restores the earlier cast, for A/B runs on a GPU (bench/gpu/run.sh). */
    private static final boolean CUMPROD_CASTS = "cumprod".equals(System.getProperty("whetstone.halfCast"));
    private static final NDIndex EVERYTHING = new NDIndex("...");

    /** {@code x [..., in]} → {@code [..., out]}. */
    public NDArray apply(NDArray x) {
        DataType weightType = weight.getDataType();
        if (weightType == x.getDataType()) {
            return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
        }
        boolean tracked = JniUtils.isGradMode();   // DJL cannot tell whether a non-leaf x is in the graph
        NDArray narrowed = cast(x, weightType, tracked);
        NDArray y = narrowed.getNDArrayInternal().linear(narrowed, weight, bias).singletonOrThrow();
        return cast(y, x.getDataType(), tracked);
    }

    /**
     * {@code x} as {@code type}. DJL's {@code toType} runs under torch's no-grad guard, so while gradients
     * are recorded a cast on the way to a trained parameter (LoRA below this layer, the hidden rows of the
     * loss) would cut the graph and silently drop those gradients. Recorded casts therefore copy {@code x}
     * into a new tensor of {@code type} ({@code copy_}: differentiable, it saves nothing for backward, whose
     * work is one cast of the gradient back). The policy and its measurements: docs/decisions/0022.
     */
    static NDArray cast(NDArray x, DataType type, boolean differentiable) {
        if (!differentiable) {
            return x.toType(type, false);
        }
        if (CUMPROD_CASTS) {
            // the cast before 0022: a cumulative product over a new axis of length 1 (saves input and output)
            return x.expandDims(0).cumProd(0, type).squeeze(0);
        }
        NDArray copy = x.getManager().create(x.getShape(), type);   // uninitialised: every element is written
        copy.set(EVERYTHING, x);
        return copy;
    }

    /** Output features. */
    public long outFeatures() {
        return weight.getShape().get(0);
    }

    /** Input features. */
    public long inFeatures() {
        return weight.getShape().get(1);
    }
}
