package dev.whetstone.engine.local.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays turned into tensors whose memory torch owns.
 *
 * <p>{@code NDManager.create(long[])} lends torch a Java direct buffer; if autograd saves such a tensor
 * (token ids for an embedding, targets for a gather) and the buffer is collected before backward, the
 * gradients read freed memory. These factories copy into torch-owned memory and free the borrowed one.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** An INT64 tensor of {@code shape} holding {@code values}, on {@code manager}'s device. */
    public static NDArray longs(NDManager manager, long[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }

    /** A FLOAT32 tensor of {@code shape} holding {@code values}, on {@code manager}'s device. */
    public static NDArray floats(NDManager manager, float[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }
}
