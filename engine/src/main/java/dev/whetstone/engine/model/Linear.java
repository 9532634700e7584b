package dev.whetstone.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A frozen linear layer {@code y = x·Wᵀ + b} of the base model.
 *
 * <p>On CUDA the weight is float16 while activations stay float32: the input is narrowed for the
 * matmul and the result widened again, so norms, softmax and the loss keep full precision.
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
        NDArray narrowed = x.toType(weightType, false);
        NDArray y = narrowed.getNDArrayInternal().linear(narrowed, weight, bias).singletonOrThrow();
        return y.toType(x.getDataType(), false);
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
