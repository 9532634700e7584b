package dev.whetstone.engine.local.model;

import ai.djl.ndarray.NDArray;
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
     * loss) would cut the graph and silently drop those gradients; a cumulative product over a new axis of
     * length 1 is the same values in {@code type} and differentiable (its backward passes the gradient
     * through, cast back).
     */
    static NDArray cast(NDArray x, DataType type, boolean differentiable) {
        if (!differentiable) {
            return x.toType(type, false);
        }
        // a new leading axis: CUDA scans an outer axis with one plain loop per element; over the innermost
        // axis it runs a block scan per row, which on the H100 looked like the train step's bottleneck
        return x.expandDims(0).cumProd(0, type).squeeze(0);
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
