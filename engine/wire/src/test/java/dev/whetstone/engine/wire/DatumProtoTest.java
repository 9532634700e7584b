package dev.whetstone.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatumProtoTest {

    @Test
    void aDatumSurvivesTheWireBitForBit() {
        Datum datum = new Datum(ModelInput.fromInts(9707, 11, 1879, 0), Map.of(
                "target_tokens", TensorData.ofLongs(new long[] {11, 1879, 0, 576}),
                "weights", TensorData.ofFloats(new float[] {0f, 1f, Float.MIN_VALUE, -0.0f})));
        TinkerPublic.Datum wire = DatumProto.encode(datum);

        assertThat(wire.getModelInput(0).getEncodedText().getTokens().size()).isEqualTo(16);   // int32 tokens
        assertThat(wire.getLossFnInputsOrThrow("target_tokens").getDtype()).isEqualTo(TinkerPublic.DType.DTYPE_INT64);
        assertThat(DatumProto.decode(wire, "data[0]")).isEqualTo(datum);
    }

    @Test
    void chunksAreJoinedInOrder() {
        TinkerPublic.Datum wire = TinkerPublic.Datum.newBuilder()
                .addModelInput(text(1, 2)).addModelInput(text(3)).build();

        assertThat(DatumProto.decode(wire, "data[0]").modelInput().toInts()).containsExactly(1, 2, 3);
    }

    @Test
    void int32AndBfloat16TensorsAreWidened() {
        TinkerPublic.Tensor ints = TinkerPublic.Tensor.newBuilder().setDtype(TinkerPublic.DType.DTYPE_INT32)
                .setDense(RawArrays.int32(new int[] {5, -1})).build();
        // bfloat16 1.5 = 0x3FC0, -2 = 0xC000 (little-endian bytes)
        TinkerPublic.Tensor bf16 = TinkerPublic.Tensor.newBuilder().setDtype(TinkerPublic.DType.DTYPE_BFLOAT16)
                .setDense(ByteString.copyFrom(new byte[] {(byte) 0xC0, 0x3F, 0x00, (byte) 0xC0})).build();

        assertThat(DatumProto.decode(ints, "t").longs()).containsExactly(5, -1);
        assertThat(DatumProto.decode(bf16, "t").floats()).containsExactly(1.5f, -2f);
    }

    @Test
    void aSparseCsrTensorIsMadeDense() {
        // [[0, 7], [3, 0]] as CSR: values 7, 3; rows start at 0, 1, 2; columns 1, 0
        TinkerPublic.Tensor csr = TinkerPublic.Tensor.newBuilder().setDtype(TinkerPublic.DType.DTYPE_FLOAT32)
                .setSparseCsr(TinkerPublic.SparseCsr.newBuilder().setValues(RawArrays.float32(new float[] {7, 3}))
                        .setCrowIndices(RawArrays.int64(new long[] {0, 1, 2})).setColIndices(RawArrays.int64(new long[] {1, 0})))
                .addShape(2).addShape(2).build();

        TensorData dense = DatumProto.decode(csr, "weights");

        assertThat(dense.shape()).containsExactly(2, 2);
        assertThat(dense.floats()).containsExactly(0, 7, 3, 0);
    }

    @Test
    void anImageChunkIsRefusedByName() {
        TinkerPublic.Datum wire = TinkerPublic.Datum.newBuilder().addModelInput(text(1))
                .addModelInput(TinkerPublic.Chunk.newBuilder().setImage(TinkerPublic.ImageChunk.newBuilder().setFormat("png"))).build();

        assertThatThrownBy(() -> DatumProto.decode(wire, "data[2]"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("data[2].model_input[1] is a image chunk").hasMessageContaining("encoded_text");
    }

    @Test
    void aShapeThatDoesNotMatchTheBytesIsRefused() {
        TinkerPublic.Tensor bad = TinkerPublic.Tensor.newBuilder().setDtype(TinkerPublic.DType.DTYPE_FLOAT32)
                .setDense(RawArrays.float32(new float[3])).addShape(4).build();

        assertThatThrownBy(() -> DatumProto.decode(bad, "data[0].loss_fn_inputs[\"weights\"]"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("weights").hasMessageContaining("length 3");
    }

    private static TinkerPublic.Chunk text(int... tokens) {
        return TinkerPublic.Chunk.newBuilder()
                .setEncodedText(TinkerPublic.EncodedTextChunk.newBuilder().setTokens(RawArrays.int32(tokens))).build();
    }
}
