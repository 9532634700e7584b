package dev.whetstone.engine.wire;

import com.google.protobuf.ByteString;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ForwardBackwardOutput} ⇄ the wire's column-wise {@code ForwardBackwardOutput}: per output field one
 * {@code BatchedTensor} of every datum's values concatenated, delimited by int64 byte offsets. Consecutive datums
 * with the same fields and trailing shapes share one {@code ArrayRecord}; the SDK concatenates the records.
 */
public final class ForwardBackwardProto {
    /** The type tag of every record we write, as hosted Tinker writes it. */
    public static final String ARRAY_RECORD = "ArrayRecord";

    private ForwardBackwardProto() {
    }

    /** The wire form of {@code output}. */
    public static TinkerPublic.ForwardBackwardOutput encode(ForwardBackwardOutput output) {
        TinkerPublic.ForwardBackwardOutput.Builder builder = TinkerPublic.ForwardBackwardOutput.newBuilder()
                .setLossFnOutputType(output.lossFnOutputType())
                .putAllMetrics(output.metrics());
        List<Map<String, TensorData>> datums = output.lossFnOutputs();
        int start = 0;
        while (start < datums.size()) {
            int end = start + 1;
            while (end < datums.size() && sameLayout(datums.get(start), datums.get(end))) {
                end++;
            }
            builder.addLossFnOutputs(record(datums.subList(start, end)));
            start = end;
        }
        return builder.build();
    }

    private static TinkerPublic.ArrayRecord record(List<Map<String, TensorData>> datums) {
        TinkerPublic.ArrayRecord.Builder record = TinkerPublic.ArrayRecord.newBuilder()
                .setTypeTag(ARRAY_RECORD).setNumDatums(datums.size());
        for (Map.Entry<String, TensorData> field : datums.get(0).entrySet()) {
            TensorData first = field.getValue();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            long[] offsets = new long[datums.size() + 1];
            for (int i = 0; i < datums.size(); i++) {
                TensorData t = datums.get(i).get(field.getKey());
                byte[] bytes = (t.dtype() == TensorData.DType.FLOAT32 ? RawArrays.float32(t.floats()) : RawArrays.int64(t.longs()))
                        .toByteArray();
                data.writeBytes(bytes);
                offsets[i + 1] = offsets[i] + bytes.length;
            }
            TinkerPublic.BatchedTensor.Builder batched = TinkerPublic.BatchedTensor.newBuilder()
                    .setData(ByteString.copyFrom(data.toByteArray()))
                    .setOffsets(RawArrays.int64(offsets))
                    .setDtype(first.dtype() == TensorData.DType.FLOAT32 ? TinkerPublic.DType.DTYPE_FLOAT32 : TinkerPublic.DType.DTYPE_INT64);
            for (long d : trailing(first)) {
                batched.addTrailingShape(d);
            }
            record.putFields(field.getKey(), batched.build());
        }
        return record.build();
    }

    private static boolean sameLayout(Map<String, TensorData> a, Map<String, TensorData> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, TensorData> e : a.entrySet()) {
            TensorData other = b.get(e.getKey());
            if (e.getValue().dtype() != other.dtype() || !Arrays.equals(trailing(e.getValue()), trailing(other))) {
                return false;
            }
        }
        return true;
    }

    private static long[] trailing(TensorData t) {
        long[] shape = t.shape();
        return shape.length <= 1 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** The output a wire message describes; a malformed one is a {@link WireFormatException}. */
    public static ForwardBackwardOutput decode(TinkerPublic.ForwardBackwardOutput message) {
        List<Map<String, TensorData>> datums = new ArrayList<>();
        for (int index = 0; index < message.getLossFnOutputsCount(); index++) {
            final int r = index;
            TinkerPublic.ArrayRecord record = message.getLossFnOutputs(r);
            int n = Math.toIntExact(record.getNumDatums());
            List<Map<String, TensorData>> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(new LinkedHashMap<>());
            }
            record.getFieldsMap().forEach((name, batched) -> {
                String where = "loss_fn_outputs[" + r + "].fields[\"" + name + "\"]";
                long[] offsets = RawArrays.toInt64(batched.getOffsets(), where + ".offsets");
                if (offsets.length != n + 1) {
                    throw new WireFormatException(where + " has " + offsets.length + " offsets for " + n + " datums; expected "
                            + (n + 1));
                }
                long[] trailingShape = batched.getTrailingShapeList().stream().mapToLong(Long::longValue).toArray();
                for (int i = 0; i < n; i++) {
                    ByteString slice = batched.getData().substring(Math.toIntExact(offsets[i]), Math.toIntExact(offsets[i + 1]));
                    rows.get(i).put(name, tensor(DatumProto.values(slice, batched.getDtype(), where + ".data"), trailingShape));
                }
            });
            datums.addAll(rows);
        }
        String type = message.getLossFnOutputType();
        return new ForwardBackwardOutput(type.substring(type.lastIndexOf(':') + 1), datums, message.getMetricsMap());
    }

    private static TensorData tensor(DatumProto.Values values, long[] trailingShape) {
        long inner = 1;
        for (long d : trailingShape) {
            inner *= d;
        }
        long[] shape = new long[trailingShape.length + 1];
        shape[0] = inner == 0 ? 0 : values.length() / inner;
        System.arraycopy(trailingShape, 0, shape, 1, trailingShape.length);
        Objects.requireNonNull(values);
        return values.floats() != null ? TensorData.ofFloats(values.floats(), shape) : TensorData.ofLongs(values.longs(), shape);
    }
}
