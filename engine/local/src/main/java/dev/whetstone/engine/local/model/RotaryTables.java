package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.ModelConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.OwnedTensors;

/**
 * Cosine and sine tables of rotary position embeddings, as HF builds them: {@code emb = cat(freqs, freqs)}
 * with {@code freqs[p, i] = p · inv_freq[i]} (llama3 scaling already folded into {@code inv_freq}).
 *
 * <p>Computed in double and rounded once, so they are at least as exact as torch's float32 tables. The
 * tables grow on demand, doubling, up to the model's context length. Owned by the device thread.
 */
public final class RotaryTables implements AutoCloseable {
    private final OwnedTensors owned;
    private final double[] inverseFrequencies;
    private final int headDim;
    private final int maxPositions;
    private NDArray cos;   // [P, hd]
    private NDArray sin;   // [P, hd], first half of each row negated (signedSin)
    private int capacity;

    /** Empty tables on a child of {@code parent} (the model's manager); filled on first use. */
    public RotaryTables(NDManager parent, ModelConfig config) {
        this.owned = new OwnedTensors(parent, "rotary tables");
        this.headDim = config.headDim();
        this.maxPositions = config.maxPositionEmbeddings();
        this.inverseFrequencies = RopeFrequencies.inverseFrequencies(config.headDim(), config.ropeTheta(), config.ropeScaling());
    }

    /** {@code cos} rows {@code [offset, offset + length)}: [length, hd]. */
    public NDArray cos(int offset, int length) {
        ensure(offset + length);
        return cos.get(NDIndex.sliceAxis(0, offset, offset + length));
    }

    /**
     * {@code sin} rows {@code [offset, offset + length)} with the first half of each row negated: [length, hd].
     * {@code rotate_half(x)·sin = cat(-x₂, x₁)·sin = cat(x₂, x₁)·signedSin}, bit for bit (a sign flip is
     * exact), one op fewer per rotation.
     */
    public NDArray signedSin(int offset, int length) {
        ensure(offset + length);
        return sin.get(NDIndex.sliceAxis(0, offset, offset + length));
    }

    private void ensure(int positions) {
        if (positions <= capacity) {
            return;
        }
        int wanted = Math.max(positions, Math.min(Math.max(capacity * 2, 256), Math.max(maxPositions, positions)));
        int half = headDim / 2;
        float[] c = new float[wanted * headDim];
        float[] s = new float[wanted * headDim];
        for (int p = 0; p < wanted; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * inverseFrequencies[i];
                float cv = (float) Math.cos(angle);
                float sv = (float) Math.sin(angle);
                c[p * headDim + i] = cv;
                c[p * headDim + i + half] = cv;
                s[p * headDim + i] = -sv;
                s[p * headDim + i + half] = sv;
            }
        }
        if (cos != null) {   // replaced by the longer tables
            cos.close();
            sin.close();
        }
        cos = owned.keep(HostArrays.floats(owned.manager(), c, new Shape(wanted, headDim)));
        sin = owned.keep(HostArrays.floats(owned.manager(), s, new Shape(wanted, headDim)));
        capacity = wanted;
    }

    @Override
    public void close() {
        owned.close();
        cos = null;
        sin = null;
        capacity = 0;
    }
}
