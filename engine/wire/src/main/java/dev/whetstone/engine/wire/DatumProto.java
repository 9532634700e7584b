package dev.whetstone.engine.wire;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Datum} ⇄ the wire's {@code Datum} message: tokens as int32 bytes, each loss input a {@code Tensor} in
 * its dtype (dense, or CSR for 2-D tensors the SDK sparsified). {@code DatumProto.decode(msg, "data[3]")}
 */
public final class DatumProto {
    private DatumProto() {
    }

    /** The wire form of {@code datum}: one encoded-text chunk and dense tensors. */
    public static TinkerPublic.Datum encode(Datum datum) {
        TinkerPublic.Datum.Builder builder = TinkerPublic.Datum.newBuilder()
                .addModelInput(TinkerPublic.Chunk.newBuilder().setEncodedText(
                        TinkerPublic.EncodedTextChunk.newBuilder().setTokens(RawArrays.int32(datum.modelInput().toInts()))));
        datum.lossFnInputs().forEach((key, tensor) -> builder.putLossFnInputs(key, encode(tensor)));
        return builder.build();
    }

    /** The wire form of one tensor, dense, with its shape. */
    public static TinkerPublic.Tensor encode(TensorData tensor) {
        TinkerPublic.Tensor.Builder builder = TinkerPublic.Tensor.newBuilder();
        if (tensor.dtype() == TensorData.DType.FLOAT32) {
            builder.setDtype(TinkerPublic.DType.DTYPE_FLOAT32).setDense(RawArrays.float32(tensor.floats()));
        } else {
            builder.setDtype(TinkerPublic.DType.DTYPE_INT64).setDense(RawArrays.int64(tensor.longs()));
        }
        for (long d : tensor.shape()) {
            builder.addShape(d);
        }
        return builder.build();
    }

    /** The datum a wire message describes; {@code where} (e.g. {@code "data[3]"}) prefixes every error. */
    public static Datum decode(TinkerPublic.Datum message, String where) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (int c = 0; c < message.getModelInputCount(); c++) {
            TinkerPublic.Chunk chunk = message.getModelInput(c);
            String at = where + ".model_input[" + c + "]";
            if (chunk.getChunkCase() != TinkerPublic.Chunk.ChunkCase.ENCODED_TEXT) {
                throw new WireFormatException(at + " is a " + chunkName(chunk.getChunkCase())
                        + " chunk; this engine trains text-only models: send encoded_text chunks");
            }
            int[] tokens = RawArrays.toInt32(chunk.getEncodedText().getTokens(), at + ".tokens");
            parts.add(tokens);
            total += tokens.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        ModelInput input;
        try {
            input = ModelInput.fromInts(all);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + ".model_input: " + e.getMessage());
        }
        Map<String, TensorData> inputs = new LinkedHashMap<>();
        message.getLossFnInputsMap().forEach((key, tensor) ->
                inputs.put(key, decode(tensor, where + ".loss_fn_inputs[\"" + key + "\"]")));
        return new Datum(input, inputs);
    }

    /** The tensor a wire message describes (int32 widened to int64, bfloat16 to float32; CSR made dense). */
    public static TensorData decode(TinkerPublic.Tensor tensor, String where) {
        long[] shape = tensor.getShapeList().stream().mapToLong(Long::longValue).toArray();
        Values values = switch (tensor.getEncodingCase()) {
            case DENSE -> values(tensor.getDense(), tensor.getDtype(), where + ".dense");
            case SPARSE_CSR -> SparseCsr.densify(tensor.getSparseCsr(), tensor.getDtype(), shape, where);
            case ENCODING_NOT_SET -> values(com.google.protobuf.ByteString.EMPTY, tensor.getDtype(), where + ".dense");
        };
        try {
            return values.floats() != null ? TensorData.ofFloats(values.floats(), shape) : TensorData.ofLongs(values.longs(), shape);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + ": " + e.getMessage());
        }
    }

    /** Flat values of one dtype: exactly one of the arrays is set. */
    record Values(float[] floats, long[] longs) {
        int length() {
            return floats != null ? floats.length : longs.length;
        }
    }

    static Values values(com.google.protobuf.ByteString bytes, TinkerPublic.DType dtype, String where) {
        return switch (dtype) {
            case DTYPE_FLOAT32 -> new Values(RawArrays.toFloat32(bytes, where), null);
            case DTYPE_BFLOAT16 -> new Values(RawArrays.bfloat16ToFloat32(bytes, where), null);
            case DTYPE_INT64 -> new Values(null, RawArrays.toInt64(bytes, where));
            case DTYPE_INT32 -> {
                int[] ints = RawArrays.toInt32(bytes, where);
                long[] longs = new long[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    longs[i] = ints[i];
                }
                yield new Values(null, longs);
            }
            default -> throw new WireFormatException(where + " has dtype " + dtype
                    + "; send DTYPE_FLOAT32 or DTYPE_INT64 (int32 and bfloat16 are widened)");
        };
    }

    private static String chunkName(TinkerPublic.Chunk.ChunkCase c) {
        return switch (c) {
            case IMAGE -> "image";
            case DMEL -> "dmel (audio)";
            default -> "empty";
        };
    }
}
