package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleResponseTest {

    private static final SampledSequence SEQ = new SampledSequence(List.of(5, 2), List.of(-0.1, -0.2), StopReason.STOP);

    @Test
    void sampleResponseKeepsNullFirstPromptLogprob() {
        SampleResponse r = new SampleResponse(List.of(SEQ), Arrays.asList(null, -1.5), null);
        assertThat(r.promptLogprobs()).containsExactly(null, -1.5);
    }

    @Test
    void sampleResponseCopiesPromptLogprobs() {
        List<Double> logprobs = new ArrayList<>(Arrays.asList(null, -1.5));
        SampleResponse r = new SampleResponse(List.of(SEQ), logprobs, null);
        logprobs.clear();
        assertThat(r.promptLogprobs()).hasSize(2);
        assertThatThrownBy(() -> r.promptLogprobs().add(0.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sampleResponseKeepsNullTopkRowAndCopiesTheOthers() {
        List<TokenLogprob> row = new ArrayList<>(List.of(new TokenLogprob(3, -0.2)));
        SampleResponse r = new SampleResponse(List.of(SEQ), null, Arrays.asList(null, row));
        row.clear();
        assertThat(r.topkPromptLogprobs().get(0)).isNull();
        assertThat(r.topkPromptLogprobs().get(1)).containsExactly(new TokenLogprob(3, -0.2));
    }

    @Test
    void sampleResponseAllowsAbsentPromptLogprobs() {
        SampleResponse r = new SampleResponse(List.of(SEQ));
        assertThat(r.promptLogprobs()).isNull();
        assertThat(r.topkPromptLogprobs()).isNull();
    }

    @Test
    void sampleResponseCopiesSequences() {
        List<SampledSequence> seqs = new ArrayList<>(List.of(SEQ));
        SampleResponse r = new SampleResponse(seqs);
        seqs.clear();
        assertThat(r.sequences()).containsExactly(SEQ);
    }

    @Test
    void sampleResponseRefusesNullSequences() {
        assertThatThrownBy(() -> new SampleResponse(null)).isInstanceOf(NullPointerException.class);
    }
}
