package dev.whetstone.engine.local;

import static dev.whetstone.engine.local.SamplingFixture.PROMPT;
import static dev.whetstone.engine.local.SamplingFixture.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.TokenLogprob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers sampling returns: the KV-cache path against full recomputation and teacher forcing. */
class SamplingCorrectnessTest {
    private static final SamplingParams GREEDY = SamplingParams.defaults().withTopK(1).withMaxTokens(24).withIgnoreEos(true);
    @TempDir
    static Path home;
    private static SamplingFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SamplingFixture(home);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void greedyCachedDecodingEqualsRecomputingTheFullForwardEachStep() {
        assertCachedEqualsRecomputed(GREEDY, 1);
        SampledSequence greedy = fixture.sampler().sample(PROMPT, 1, GREEDY).join().sequences().get(0);
        assertThat(greedy.logprobs()).allSatisfy(lp -> assertThat(lp).isCloseTo(0.0, within(1e-6)));
    }

    @Test
    void seededSampledCachedDecodingEqualsRecomputingTheFullForwardEachStep() {
        assertCachedEqualsRecomputed(SamplingParams.defaults().withTemperature(0.8).withTopK(40).withTopP(0.95)
                .withSeed(11L).withMaxTokens(24).withIgnoreEos(true), 3);
        assertCachedEqualsRecomputed(SamplingParams.defaults().withSeed(12L).withMaxTokens(24).withIgnoreEos(true), 2);
    }

    @Test
    void cachedDecodingStaysExactWhenTheCacheGrowsPastItsFirstAllocation() {
        // prompt 7 + 80 tokens passes the first allocation of prompt + 64 positions
        assertCachedEqualsRecomputed(SamplingParams.defaults().withSeed(4L).withMaxTokens(80).withIgnoreEos(true), 2);
    }

    private void assertCachedEqualsRecomputed(SamplingParams params, int numSamples) {
        LocalSamplingClient sampler = fixture.sampler();
        SampleResponse a = sampler.sample(PROMPT, numSamples, params).join();
        SampleResponse b = SamplerProbe.recomputed(sampler, PROMPT, numSamples, params).join();
        for (int s = 0; s < numSamples; s++) {
            assertThat(a.sequences().get(s).tokens()).isEqualTo(b.sequences().get(s).tokens());
            assertThat(doubles(a.sequences().get(s).logprobs()))
                    .containsExactly(doubles(b.sequences().get(s).logprobs()), within(1e-5));
        }
    }

    @Test
    void greedyTokensAreTheArgmaxOfTeacherForcedLogitsStepByStep() {
        LocalSamplingClient sampler = fixture.sampler();
        SampledSequence greedy = sampler.sample(PROMPT, 1, GREEDY).join().sequences().get(0);
        ModelInput whole = SamplingFixture.continued(PROMPT, greedy);
        List<List<TokenLogprob>> top1 = sampler.sample(whole, 1, SamplingParams.defaults().withMaxTokens(1), false, 1)
                .join().topkPromptLogprobs();
        for (int i = 0; i < greedy.tokens().size(); i++) {
            assertThat(top1.get(PROMPT.length() + i).get(0).token()).as("step %d", i).isEqualTo(greedy.tokens().get(i));
        }
    }

    @Test
    void atTemperatureOneWithoutTruncationLogprobsEqualTeacherForcedLogprobs() {
        LocalSamplingClient sampler = fixture.sampler();
        SampleResponse response = sampler.sample(PROMPT, 3, SamplingParams.defaults().withSeed(5L).withMaxTokens(40)
                .withIgnoreEos(true)).join();
        for (SampledSequence sequence : response.sequences()) {
            List<Double> forced = sampler.computeLogprobs(SamplingFixture.continued(PROMPT, sequence)).join();
            List<Double> tail = forced.subList(PROMPT.length(), forced.size());
            assertThat(doubles(sequence.logprobs())).containsExactly(doubles(tail), within(1e-5));
        }
    }

    @Test
    void promptLogprobsAndTopkPromptLogprobsEqualTheForwardLogprobs() {
        LocalSamplingClient sampler = fixture.sampler();
        int vocab = fixture.vocabSize();
        ModelInput prompt = ModelInput.fromInts(117, 45, 66, 33, 98, 121, 54, 100, 6, 90, 120, 23);
        SampleResponse response = sampler.sample(prompt, 2, SamplingParams.defaults().withMaxTokens(3), true, vocab).join();
        List<Double> forced = sampler.computeLogprobs(prompt).join();
        assertThat(response.promptLogprobs().get(0)).isNull();
        assertThat(forced.get(0)).isNull();
        assertThat(response.topkPromptLogprobs().get(0)).isNull();
        for (int i = 1; i < prompt.length(); i++) {
            assertThat(response.promptLogprobs().get(i)).isCloseTo(forced.get(i), within(1e-5));
            List<TokenLogprob> row = response.topkPromptLogprobs().get(i);
            assertThat(row).hasSize(vocab);
            assertThat(row).extracting(TokenLogprob::logprob).isSortedAccordingTo((x, y) -> Double.compare(y, x));
            assertThat(row.stream().mapToDouble(t -> Math.exp(t.logprob())).sum()).isCloseTo(1.0, within(1e-5));
            int actual = prompt.tokenAt(i);
            assertThat(row.stream().filter(t -> t.token() == actual).findFirst().orElseThrow().logprob())
                    .isCloseTo(forced.get(i), within(1e-5));
        }
    }

    @Test
    void adapterAndBaseSamplersFromTheServiceReproduceTheGoldenLogprobs() throws Exception {
        Path adapter = GoldenAdapterFolder.withBaseModel(fixture.golden, home.resolve("adapter"));
        try (var tuned = (LocalSamplingClient) fixture.service.createSamplingClient(adapter.toString());
             var base = (LocalSamplingClient) fixture.service.createSamplingClient(fixture.golden.model().toString())) {
            List<double[]> expected = fixture.golden.perDatum("logprobs");
            List<double[]> expectedBase = fixture.golden.perDatum("base_logprobs");
            for (int d = 0; d < 3; d++) {   // datums whose targets are the next inputs
                var datum = fixture.golden.datums().get(d);
                long[] targets = datum.lossFnInputs().get("target_tokens").longs();
                ModelInput whole = datum.modelInput().appendInt((int) targets[targets.length - 1]);
                assertTail(tuned.computeLogprobs(whole).join(), expected.get(d));
                assertTail(base.computeLogprobs(whole).join(), expectedBase.get(d));
                assertTail(tuned.sample(whole, 1, SamplingParams.defaults().withMaxTokens(1), true, 0).join()
                        .promptLogprobs(), expected.get(d));
            }
        }
    }

    private static void assertTail(List<Double> logprobs, double[] expected) {
        assertThat(logprobs.subList(1, logprobs.size()).stream().mapToDouble(Double::doubleValue).toArray())
                .containsExactly(expected, within(1e-5));
    }

    @Test
    void manySamplesDecodeAsOneBatchWithOneForwardPerStep() {
        LocalSamplingClient sampler = fixture.sampler();
        SamplingParams params = SamplingParams.defaults().withSeed(3L).withMaxTokens(6).withIgnoreEos(true);
        SamplerProbe.CountingForwards counted = new SamplerProbe.CountingForwards();
        assertThat(counted.sample(sampler, PROMPT, 1, params).join().sequences()).isEqualTo(sampler.sample(PROMPT, 1, params)
                .join().sequences());
        long single = counted.forwards();
        counted.sample(sampler, PROMPT, 5, params).join();
        long batched = counted.forwards() - single;
        assertThat(single).isEqualTo(1 + 5);   // one prefill, then one step per token after the first
        assertThat(batched).isEqualTo(single);
    }
}
