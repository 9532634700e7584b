package dev.whetstone.engine.local.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * Long-lived 0-d tensors for the scalars used inside the autograd graph.
 *
 * <p>DJL's {@code NDArray.mul(Number)} wraps the scalar in a temporary whose Java buffer torch borrows;
 * autograd keeps it for backward after DJL frees it, which corrupts gradients. Every scalar used in a
 * differentiated expression comes from here instead: torch-owned memory, alive as long as the model.
 * Not thread-safe: owned by the device thread like every other tensor of the model.
 */
public final class ScalarConstants implements AutoCloseable {
    private final OwnedTensors owned;
    private final DataType dataType;
    private final Map<Double, NDArray> byValue = new HashMap<>();

    /** An empty cache on a child of {@code parent} (the model's manager). */
    public ScalarConstants(NDManager parent, DataType dataType) {
        this.owned = new OwnedTensors(parent, "scalar constants");
        this.dataType = dataType;
    }

    /** The 0-d tensor holding {@code value} in this cache's data type. */
    public NDArray of(double value) {
        NDArray cached = byValue.get(value);
        if (cached != null) {
            return cached;
        }
        try (NDArray host = owned.manager().create(value)) {
            // a real copy into torch-owned memory (toType aliases when the type already matches, hence duplicate)
            NDArray constant = owned.keep(host.getDataType() == dataType ? host.duplicate() : host.toType(dataType, false));
            byValue.put(value, constant);
            return constant;
        }
    }

    @Override
    public void close() {
        owned.close();
        byValue.clear();
    }
}
