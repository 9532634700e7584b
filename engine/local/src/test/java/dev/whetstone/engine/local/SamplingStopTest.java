package dev.whetstone.engine.local;

import static dev.whetstone.engine.local.SamplingFixture.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.StopReason;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How sequences end: stop tokens, stop strings, the model's EOS, and maxTokens. */
class SamplingStopTest {
    private static final SamplingParams GREEDY = SamplingParams.defaults().withTopK(1).withMaxTokens(30).withIgnoreEos(true);
    @TempDir
    static Path home;
    private static SamplingFixture fixture;
    private static LocalSamplingClient sampler;
    private static List<Integer> greedy;

    @BeforeAll
    static void start() {
        fixture = new SamplingFixture(home);
        sampler = fixture.sampler();
        greedy = sampler.sample(PROMPT, 1, GREEDY).join().sequences().get(0).tokens();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** The first index from 2 on whose token has not appeared before it. */
    private static int firstFreshIndex() {
        for (int j = 2; j < greedy.size(); j++) {
            if (!greedy.subList(0, j).contains(greedy.get(j))) {
                return j;
            }
        }
        throw new AssertionError("the greedy continuation repeats a single token: " + greedy);
    }

    @Test
    void aStopTokenEndsTheSequenceAndIsIncludedWithStop() {
        int j = firstFreshIndex();
        SampledSequence seq = sampler.sample(PROMPT, 1, GREEDY.withStopTokens(List.of(greedy.get(j)))).join()
                .sequences().get(0);
        assertThat(seq.tokens()).isEqualTo(greedy.subList(0, j + 1));
        assertThat(seq.stopReason()).isEqualTo(StopReason.STOP);
    }

    @Test
    void aStopStringEndsTheSequenceAtTheTokenThatCompletesIt() {
        int j = firstFreshIndex();
        var tokenizer = sampler.getTokenizer();
        String stop = tokenizer.decode(new int[] {greedy.get(j - 1), greedy.get(j)});   // "wA wB": spans two tokens
        int expectedEnd = 0;
        while (!tokenizer.decode(ints(greedy.subList(0, expectedEnd + 1))).contains(stop)) {
            expectedEnd++;
        }
        SampledSequence seq = sampler.sample(PROMPT, 1, GREEDY.withStopStrings(List.of("never generated", stop))).join()
                .sequences().get(0);
        assertThat(seq.tokens()).isEqualTo(greedy.subList(0, expectedEnd + 1));
        assertThat(seq.stopReason()).isEqualTo(StopReason.STOP);
    }

    @Test
    void maxTokensEndsTheSequenceWithLength() {
        SampledSequence seq = sampler.sample(PROMPT, 1, GREEDY.withMaxTokens(7)).join().sequences().get(0);
        assertThat(seq.tokens()).hasSize(7).isEqualTo(greedy.subList(0, 7));
        assertThat(seq.stopReason()).isEqualTo(StopReason.LENGTH);
    }

    @Test
    void theModelsEosStopsGenerationUnlessIgnoreEosIsSet() {
        int eos = sampler.getTokenizer().eosTokenIds().get(0);
        // a hot, flat distribution over 128 tokens: some of 8 sequences of 100 draw the EOS
        SamplingParams hot = SamplingParams.defaults().withTemperature(3.0).withSeed(2024L).withMaxTokens(100);
        SampleResponse stopped = sampler.sample(PROMPT, 8, hot).join();
        SampleResponse ignored = sampler.sample(PROMPT, 8, hot.withIgnoreEos(true)).join();
        assertThat(stopped.sequences()).anySatisfy(s -> assertThat(s.stopReason()).isEqualTo(StopReason.STOP));
        for (int i = 0; i < 8; i++) {
            SampledSequence s = stopped.sequences().get(i);
            SampledSequence full = ignored.sequences().get(i);
            assertThat(full.stopReason()).isEqualTo(StopReason.LENGTH);
            assertThat(full.tokens()).hasSize(100);
            if (s.stopReason() == StopReason.STOP) {
                assertThat(s.tokens().get(s.tokens().size() - 1)).isEqualTo(eos);
                assertThat(s.tokens().subList(0, s.tokens().size() - 1)).doesNotContain(eos);
                // same seed, same stream: the EOS-stopped sequence is a prefix of the one that ignored it
                assertThat(full.tokens().subList(0, s.tokens().size())).isEqualTo(s.tokens());
            } else {
                assertThat(s.tokens()).hasSize(100).doesNotContain(eos);
            }
        }
    }

    private static int[] ints(List<Integer> tokens) {
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }
}
