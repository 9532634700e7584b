package dev.whetstone.engine.wire;

import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.Arrays;

/**
 * A 2-D tensor the SDK sent in compressed-sparse-row form (it does so for 2-D {@code target_tokens} and
 * {@code weights} when that is smaller), made dense: row {@code r} holds {@code values[crow[r]..crow[r+1])}
 * at columns {@code col[...]}.
 */
final class SparseCsr {
    private SparseCsr() {
    }

    static DatumProto.Values densify(TinkerPublic.SparseCsr csr, TinkerPublic.DType dtype, long[] shape, String where) {
        if (shape.length != 2) {
            throw new WireFormatException(where + " is sparse (CSR) but its shape " + Arrays.toString(shape)
                    + " is not 2-D; CSR tensors need a [rows, columns] shape");
        }
        DatumProto.Values values = DatumProto.values(csr.getValues(), dtype, where + ".sparse_csr.values");
        long[] crow = RawArrays.toInt64(csr.getCrowIndices(), where + ".sparse_csr.crow_indices");
        long[] col = RawArrays.toInt64(csr.getColIndices(), where + ".sparse_csr.col_indices");
        long rows = shape[0];
        long cols = shape[1];
        if (rows < 0 || cols < 0 || rows * cols > Integer.MAX_VALUE) {
            throw new WireFormatException(where + " has shape " + Arrays.toString(shape) + ", too large or negative");
        }
        if (crow.length != rows + 1 || col.length != values.length() || crow[0] != 0 || crow[(int) rows] != values.length()) {
            throw new WireFormatException(where + ".sparse_csr is inconsistent: " + crow.length + " row pointers for "
                    + rows + " rows, " + col.length + " column indices and " + values.length() + " values");
        }
        int size = (int) (rows * cols);
        float[] floats = values.floats() != null ? new float[size] : null;
        long[] longs = values.longs() != null ? new long[size] : null;
        for (int r = 0; r < rows; r++) {
            if (crow[r] > crow[r + 1]) {
                throw new WireFormatException(where + ".sparse_csr.crow_indices decrease at row " + r);
            }
            for (long i = crow[r]; i < crow[r + 1]; i++) {
                long c = col[(int) i];
                if (c < 0 || c >= cols) {
                    throw new WireFormatException(where + ".sparse_csr.col_indices[" + i + "] = " + c + " is outside [0, " + cols + ")");
                }
                int cell = (int) (r * cols + c);
                if (floats != null) {
                    floats[cell] = values.floats()[(int) i];
                } else {
                    longs[cell] = values.longs()[(int) i];
                }
            }
        }
        return new DatumProto.Values(floats, longs);
    }
}
