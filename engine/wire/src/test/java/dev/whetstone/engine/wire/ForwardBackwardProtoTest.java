package dev.whetstone.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardBackwardProtoTest {

    @Test
    void datumsArePackedColumnWiseWithByteOffsets() {
        ForwardBackwardOutput output = new ForwardBackwardOutput("ArrayRecord", List.of(
                Map.of("logprobs", TensorData.ofFloats(new float[] {-1, -2, -3, -4})),
                Map.of("logprobs", TensorData.ofFloats(new float[] {-5, -6, -7, -8, -9}))), Map.of("loss:sum", 3.5));

        TinkerPublic.ForwardBackwardOutput wire = ForwardBackwardProto.encode(output);

        assertThat(wire.getLossFnOutputsCount()).isEqualTo(1);
        TinkerPublic.ArrayRecord record = wire.getLossFnOutputs(0);
        assertThat(record.getNumDatums()).isEqualTo(2);
        TinkerPublic.BatchedTensor logprobs = record.getFieldsOrThrow("logprobs");
        assertThat(RawArrays.toInt64(logprobs.getOffsets(), "offsets")).containsExactly(0, 16, 36);
        assertThat(logprobs.getTrailingShapeList()).isEmpty();
        assertThat(ForwardBackwardProto.decode(wire)).isEqualTo(output);
    }

    @Test
    void multiTargetOutputsKeepTheirTrailingShape() {
        ForwardBackwardOutput output = new ForwardBackwardOutput("ArrayRecord", List.of(
                Map.of("logprobs", TensorData.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2))), Map.of("loss:sum", 1.0));

        TinkerPublic.ForwardBackwardOutput wire = ForwardBackwardProto.encode(output);

        assertThat(wire.getLossFnOutputs(0).getFieldsOrThrow("logprobs").getTrailingShapeList()).containsExactly(2L);
        assertThat(ForwardBackwardProto.decode(wire).lossFnOutputs().get(0).get("logprobs").shape()).containsExactly(3, 2);
    }

    @Test
    void theOutputTypeKeepsThePartAfterTheLastColon() {
        TinkerPublic.ForwardBackwardOutput wire = TinkerPublic.ForwardBackwardOutput.newBuilder()
                .setLossFnOutputType("some.module:ArrayRecord").putMetrics("loss:sum", 2.0).build();

        assertThat(ForwardBackwardProto.decode(wire).lossFnOutputType()).isEqualTo("ArrayRecord");
    }
}
