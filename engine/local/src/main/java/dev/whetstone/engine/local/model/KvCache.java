package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.ModelConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.tensor.OwnedTensors;

/**
 * Per-layer key and value caches for incremental decoding: [B, K, C, hd] float32 tensors written in
 * place with slice assignment, never concatenated per token.
 *
 * <p>The capacity C starts at what the caller expects to need first (the prompt plus a margin) and
 * doubles, up to {@code maxLength}, when a write would pass it: a request with a large
 * {@code maxTokens} whose sequences stop early never pays for the whole context. The tensors outlive
 * the per-step {@code NDScope}; close the cache (try-with-resources) to free them.
 * Owned by the device thread.
 */
public final class KvCache implements AutoCloseable {
    private final OwnedTensors owned;
    private final int batch;
    private final int kvHeads;
    private final int headDim;
    private final int maxLength;
    private final NDArray[] keys;     // per layer [B, K, C, hd]
    private final NDArray[] values;   // per layer [B, K, C, hd]
    private int capacity;

    /** An empty cache for {@code batch} sequences of at most {@code maxLength} positions, on a child of {@code parent}. */
    public KvCache(NDManager parent, ModelConfig config, int batch, int maxLength, int initialCapacity) {
        if (batch < 1 || maxLength < 1) {
            throw new IllegalArgumentException("batch and maxLength must be >= 1, were " + batch + " and " + maxLength);
        }
        this.owned = new OwnedTensors(parent, "KV cache");
        this.batch = batch;
        this.kvHeads = config.numKvHeads();
        this.headDim = config.headDim();
        this.maxLength = maxLength;
        this.keys = new NDArray[config.numLayers()];
        this.values = new NDArray[config.numLayers()];
        grow(Math.max(1, Math.min(initialCapacity, maxLength)));
    }

    /** Sequences in the batch, B. */
    public int batch() {
        return batch;
    }

    /** Positions the cache can hold now, C. */
    public int capacity() {
        return capacity;
    }

    /**
     * Stores {@code k}, {@code v} [b, K, T, hd] of layer {@code layer} at positions
     * {@code [offset, offset + T)}; b is B, or 1 to give every sequence the same entries (a shared prompt).
     */
    public void write(int layer, int offset, NDArray k, NDArray v) {
        long length = k.getShape().get(2);
        ensure(Math.toIntExact(offset + length));
        NDIndex slot = NDIndex.sliceAxis(2, offset, offset + length);
        Shape full = new Shape(batch, kvHeads, length, headDim);
        keys[layer].set(slot, k.getShape().get(0) == batch ? k : k.broadcast(full));
        values[layer].set(slot, v.getShape().get(0) == batch ? v : v.broadcast(full));
    }

    /** Keys of positions {@code [0, length)}: a view [B, K, length, hd]. */
    public NDArray keys(int layer, int length) {
        return keys[layer].get(NDIndex.sliceAxis(2, 0, length));
    }

    /** Values of positions {@code [0, length)}: a view [B, K, length, hd]. */
    public NDArray values(int layer, int length) {
        return values[layer].get(NDIndex.sliceAxis(2, 0, length));
    }

    /** Bytes held on the device. */
    public long bytes() {
        return 2L * keys.length * batch * kvHeads * capacity * headDim * Float.BYTES;
    }

    private void ensure(int length) {
        if (length > maxLength) {
            throw new IllegalStateException("position " + length + " is past the cache's maxLength " + maxLength);
        }
        if (length > capacity) {
            grow(Math.min(maxLength, Math.max(length, capacity * 2)));
        }
    }

    /** Reallocates every layer at {@code newCapacity}, copying the positions written so far. */
    private void grow(int newCapacity) {
        Shape shape = new Shape(batch, kvHeads, newCapacity, headDim);
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer] = regrown(keys[layer], shape);
            values[layer] = regrown(values[layer], shape);
        }
        capacity = newCapacity;
    }

    private NDArray regrown(NDArray old, Shape shape) {
        NDArray fresh = owned.keep(owned.manager().zeros(shape, DataType.FLOAT32));   // lives across the steps' scopes
        if (old != null) {
            fresh.set(new NDIndex(":, :, :{}", capacity), old);
            old.close();   // replaced by the larger one
        }
        return fresh;
    }

    /** Frees every layer's keys and values. */
    @Override
    public void close() {
        owned.close();
    }
}
