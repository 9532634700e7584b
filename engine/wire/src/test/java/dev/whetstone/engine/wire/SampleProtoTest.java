package dev.whetstone.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleProtoTest {

    @Test
    void promptLogprobsCarryNaNWhereThereIsNone() {
        SampleResponse response = new SampleResponse(List.of(new SampledSequence(List.of(5, 6), List.of(-0.5, -0.25), StopReason.STOP)),
                Arrays.asList(null, -2.0, -2.0), null);

        TinkerPublic.SampleResponse wire = SampleProto.encode(response);

        assertThat(RawArrays.toFloat32(wire.getPromptLogprobs(), "p")).containsExactly(Float.NaN, -2f, -2f);
        assertThat(wire.getSequences(0).getStopReason()).isEqualTo(TinkerPublic.StopReason.STOP_REASON_STOP);
        assertThat(wire.hasTopkPromptLogprobs()).isFalse();
        assertThat(SampleProto.decode(wire)).isEqualTo(response);
    }

    @Test
    void topkRowsUseTheSdkSentinelForEmptyCells() {
        List<List<TokenLogprob>> topk = Arrays.asList(null,
                List.of(new TokenLogprob(11, -0.1), new TokenLogprob(12, -0.2)), List.of(new TokenLogprob(13, -0.3)));
        SampleResponse response = new SampleResponse(List.of(), Arrays.asList(null, -0.1, -0.3), topk);

        TinkerPublic.TopkPromptLogprobs wire = SampleProto.encode(response).getTopkPromptLogprobs();

        assertThat(wire.getK()).isEqualTo(2);
        assertThat(wire.getPromptLength()).isEqualTo(3);
        assertThat(RawArrays.toInt32(wire.getTokenIds(), "ids")).containsExactly(0, 0, 11, 12, 13, 0);
        assertThat(RawArrays.toFloat32(wire.getLogprobs(), "lp")[5]).isEqualTo(SampleProto.EMPTY_LOGPROB);
        List<List<TokenLogprob>> decoded = SampleProto.decode(SampleProto.encode(response)).topkPromptLogprobs();
        assertThat(decoded.get(0)).isNull();
        assertThat(decoded.get(2)).containsExactly(new TokenLogprob(13, (float) -0.3));
    }
}
