package dev.whetstone.engine.local.loss;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of ragged datums laid out for one forward pass: token ids right-padded to [B, T], and the real
 * (non-padding) positions flattened to N rows with K targets each (K = the widest datum's; narrower
 * datums pad with weight 0). Pure Java, built at call time; the device thread turns it into tensors.
 */
public final class TokenBatch {
    private final int batchSize;
    private final int maxLength;
    private final int width;
    private final long[] tokens;                  // [B·T]
    private final long[] rowIndex;                // [N] into B·T
    private final long[] targets;                 // [N·K]
    private final Map<String, float[]> perToken;  // each [N·K]
    private final List<DatumSlice> slices;

    /** Where one datum's rows sit in the flattened [N, K] layout, and the shape its outputs take. */
    public record DatumSlice(int rowOffset, int length, int width, long[] outputShape) {
    }

    private TokenBatch(int batchSize, int maxLength, int width, long[] tokens, long[] rowIndex, long[] targets,
                       Map<String, float[]> perToken, List<DatumSlice> slices) {
        this.batchSize = batchSize;
        this.maxLength = maxLength;
        this.width = width;
        this.tokens = tokens;
        this.rowIndex = rowIndex;
        this.targets = targets;
        this.perToken = perToken;
        this.slices = slices;
    }

    /**
     * Lays out {@code data}; {@code floatKeys} are the per-token float inputs to carry (e.g. {@code weights}).
     * A datum lacking one of them gets {@code defaults.get(key)} in every cell, and one given as a single value
     * (shape {@code (1,)}) gets that value in every cell. Inputs must already be validated.
     */
    public static TokenBatch of(List<Datum> data, List<String> floatKeys, Map<String, Float> defaults) {
        int b = data.size();
        int t = 0;
        int k = 1;
        int n = 0;
        for (Datum d : data) {
            t = Math.max(t, d.modelInput().length());
            n += d.modelInput().length();
            TensorData target = d.lossFnInputs().get("target_tokens");
            if (target.rank() == 2) {
                k = Math.max(k, Math.toIntExact(target.dim(1)));
            }
        }
        long[] tokens = new long[b * t];
        long[] rows = new long[n];
        long[] targets = new long[n * k];
        Map<String, float[]> perToken = new HashMap<>();
        for (String key : floatKeys) {
            perToken.put(key, new float[n * k]);
        }
        List<DatumSlice> slices = new ArrayList<>(b);
        int row = 0;
        for (int i = 0; i < b; i++) {
            Datum d = data.get(i);
            int[] ids = d.modelInput().toInts();
            TensorData target = d.lossFnInputs().get("target_tokens");
            int dw = target.rank() == 2 ? Math.toIntExact(target.dim(1)) : 1;
            slices.add(new DatumSlice(row, ids.length, dw, target.shape()));
            long[] targetValues = target.longs();
            for (int p = 0; p < ids.length; p++) {
                tokens[i * t + p] = ids[p];
                rows[row + p] = (long) i * t + p;
                for (int c = 0; c < dw; c++) {
                    targets[(row + p) * k + c] = targetValues[p * dw + c];
                }
            }
            for (String key : floatKeys) {
                float[] into = perToken.get(key);
                TensorData values = d.lossFnInputs().get(key);
                float[] source = values == null ? null : values.floats();
                float fill = values == null ? defaults.getOrDefault(key, 0f) : 0f;
                for (int p = 0; p < ids.length; p++) {
                    for (int c = 0; c < dw; c++) {
                        into[(row + p) * k + c] = source == null ? fill
                                : source.length == 1 ? source[0] : source[p * dw + c];   // (1,): one value per datum
                    }
                }
            }
            row += ids.length;
        }
        return new TokenBatch(b, t, k, tokens, rows, targets, perToken, List.copyOf(slices));
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxLength() {
        return maxLength;
    }

    /** K: targets per position. */
    public int width() {
        return width;
    }

    /** N: real positions over all datums. */
    public int rows() {
        return rowIndex.length;
    }

    public long[] tokens() {
        return tokens;
    }

    public long[] rowIndex() {
        return rowIndex;
    }

    public long[] targets() {
        return targets;
    }

    /** A per-token float input in [N·K] layout (padding cells 0). */
    public float[] perToken(String key) {
        float[] values = perToken.get(key);
        if (values == null) {
            throw new IllegalArgumentException("the batch carries no per-token input '" + key + "'");
        }
        return values;
    }

    public List<DatumSlice> slices() {
        return slices;
    }

    /** Tokens that count for the loss (cells with a real target), for throughput metrics. */
    public long realTokens() {
        return rowIndex.length;
    }

    /** The same batch with per-token input {@code key} replaced by {@code values} ([N·K]). */
    public TokenBatch withPerToken(String key, float[] values) {
        if (values.length != rows() * width) {
            throw new IllegalArgumentException(key + " needs " + rows() * width + " cells, was " + values.length);
        }
        Map<String, float[]> replaced = new HashMap<>(perToken);
        replaced.put(key, values.clone());
        return new TokenBatch(batchSize, maxLength, width, tokens, rowIndex, targets, replaced, slices);
    }

    /** Spreads per-datum values (each in its datum's own layout) into the [N·K] layout, padding with 0. */
    public float[] flatten(java.util.List<float[]> perDatum) {
        float[] flat = new float[rows() * width];
        for (int i = 0; i < slices.size(); i++) {
            DatumSlice s = slices.get(i);
            float[] values = perDatum.get(i);
            for (int p = 0; p < s.length(); p++) {
                System.arraycopy(values, p * s.width(), flat, (s.rowOffset() + p) * width, s.width());
            }
        }
        return flat;
    }

    /** Copies datum {@code i}'s cells of a [N·K] array into its own output layout. */
    public float[] datumValues(int i, float[] flat) {
        DatumSlice s = slices.get(i);
        float[] out = new float[s.length() * s.width()];
        for (int p = 0; p < s.length(); p++) {
            System.arraycopy(flat, (s.rowOffset() + p) * width, out, p * s.width(), s.width());
        }
        return out;
    }
}
