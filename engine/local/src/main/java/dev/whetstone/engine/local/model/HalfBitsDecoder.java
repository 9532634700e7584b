package dev.whetstone.engine.local.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.model.HalfPrecision;
import dev.whetstone.engine.model.SafeDType;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns 16-bit float weights as a file stores them (BF16 or F16 bits) into float32 or float16 tensors on
 * the device: no float32 copy on the host, and DJL's {@code BFLOAT16} is never named — DJL 0.36's JNI aborts
 * the JVM on it ({@code GetScalarTypeFromDType} has no bfloat16 case and runs {@code throw;} with no
 * exception active, so {@code std::terminate} ends the process; {@code NDManager.create(buffer, shape,
 * BFLOAT16)}, {@code toType(BFLOAT16)} and {@code NDList.decode} of a BF16 file all get there).
 *
 * <p>The bytes reach the device as UINT8 [n, 2] (the only copy, and none on the CPU); there each value's bit
 * pattern, high byte · 256 + low byte, indexes a 65,536-entry table of its exact value in the target type,
 * built once on the host by {@link HalfPrecision}. Narrowing BF16 to float16 checks the range: a value
 * beyond ±65,504 raises {@link Float16OverflowException} naming the tensor, never a silent infinity.
 * Device thread only; close it when the weights are loaded (it frees its tables).
 */
public final class HalfBitsDecoder implements AutoCloseable {
    /** Values decoded per pass: bounds the int64 temporaries to a few times 32 MiB. */
    private static final int CHUNK = 1 << 22;
    private static final int PATTERNS = 1 << 16;
    private static final NDIndex HIGH = new NDIndex(":, 1");
    private static final NDIndex LOW = new NDIndex(":, 0");

    private final OwnedTensors tables;
    private final Map<SafeDType, Map<DataType, NDArray>> values = new EnumMap<>(SafeDType.class);
    private NDArray bf16Overflow;   // made on the first BF16 → float16 tensor

    /** A decoder whose tables live on a child of {@code parent} (the model's manager) until closed. */
    public HalfBitsDecoder(NDManager parent) {
        this.tables = new OwnedTensors(parent, "16-bit weight tables");
    }

    /**
     * The tensor {@code name} of {@code shape}, whose {@code source} bits are in {@code bits} (little-endian),
     * as a new {@code target} tensor on {@code into}'s manager.
     *
     * @throws Float16OverflowException if {@code target} is float16 and a finite value is beyond its range
     */
    public NDArray decode(String name, ByteBuffer bits, SafeDType source, Shape shape, DataType target, OwnedTensors into) {
        if (source != SafeDType.BF16 && source != SafeDType.F16) {
            throw new IllegalArgumentException("source must be BF16 or F16, was " + source);
        }
        long count = shape.size();
        NDArray out = into.keep(into.manager().create(shape, target));   // uninitialised: every value is written
        NDArray flat = out.reshape(count);                               // [n], a view of out
        NDArray table = table(source, target);
        try (NDArray bytes = into.manager().create(bits, new Shape(count, 2), DataType.UINT8)) {   // [n, 2]
            for (long start = 0; start < count; start += CHUNK) {
                long end = Math.min(count, start + CHUNK);
                try (NDScope scope = new NDScope()) {
                    NDArray pair = bytes.get(new NDIndex("{}:{}", start, end)).toType(DataType.INT64, false);   // [c, 2]
                    NDArray pattern = pair.get(HIGH).mul(256).add(pair.get(LOW));                              // [c]
                    if (target == DataType.FLOAT16 && source == SafeDType.BF16) {
                        checkRange(name, pattern);
                    }
                    flat.set(new NDIndex("{}:{}", start, end), table.get(pattern));
                }
            }
        } finally {
            flat.close();
        }
        return out;
    }

    /** Raises the overflow error when any of {@code pattern}'s BF16 values is finite and beyond float16. */
    private void checkRange(String name, NDArray pattern) {
        float largest = overflowTable().get(pattern).max().getFloat();
        if (largest > 0) {
            throw new Float16OverflowException("tensor '" + name + "' holds " + largest + ", beyond float16's ±65504, the "
                    + "type the GPU keeps frozen matrices in; train this model on the CPU (device cpu), which keeps float32");
        }
    }

    /** Every 16-bit pattern's value as {@code target}: [65536]. */
    private NDArray table(SafeDType source, DataType target) {
        return values.computeIfAbsent(source, s -> new EnumMap<>(DataType.class)).computeIfAbsent(target, t -> {
            float[] table = new float[PATTERNS];
            for (int p = 0; p < PATTERNS; p++) {
                int bits = source == SafeDType.BF16 ? HalfPrecision.bf16ToFloatBits((short) p)
                        : HalfPrecision.f16ToFloatBits((short) p);
                table[p] = Float.intBitsToFloat(bits);
            }
            NDArray exact = HostArrays.floats(tables.manager(), table, new Shape(PATTERNS));   // exact: both widen exactly
            // float16 entries: the nearest binary16, ties to even, as HalfPrecision rounds (in-range values only
            // reach the weights; out-of-range ones are refused by checkRange first)
            return tables.keep(t == DataType.FLOAT32 ? exact : exact.toType(t, false));
        });
    }

    /** |value| of every BF16 pattern that is finite but beyond float16's range, else 0: [65536] float32. */
    private NDArray overflowTable() {
        if (bf16Overflow == null) {
            float[] table = new float[PATTERNS];
            for (int p = 0; p < PATTERNS; p++) {
                int bits = HalfPrecision.bf16ToFloatBits((short) p);
                if (HalfPrecision.overflowsF16(bits, HalfPrecision.floatBitsToF16(bits))) {
                    table[p] = Math.abs(Float.intBitsToFloat(bits));
                }
            }
            bf16Overflow = tables.keep(HostArrays.floats(tables.manager(), table, new Shape(PATTERNS)));
        }
        return bf16Overflow;
    }

    /** Frees the tables. */
    @Override
    public void close() {
        tables.close();
    }
}
