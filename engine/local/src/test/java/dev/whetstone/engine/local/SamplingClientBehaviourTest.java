package dev.whetstone.engine.local;

import static dev.whetstone.engine.local.SamplingFixture.PROMPT;
import static dev.whetstone.engine.local.SamplingFixture.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledToken;
import dev.whetstone.engine.SamplingParams;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds, snapshots, validation, streaming and memory of sampling clients. */
class SamplingClientBehaviourTest {
    private static final SamplingParams SAMPLED = SamplingParams.defaults().withTemperature(1.2).withMaxTokens(20)
            .withIgnoreEos(true);
    @TempDir
    static Path home;
    private static SamplingFixture fixture;
    private static LocalSamplingClient sampler;

    @BeforeAll
    static void start() {
        fixture = new SamplingFixture(home);
        sampler = fixture.sampler();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndDifferentSeedsDiffer() {
        SampleResponse a = sampler.sample(PROMPT, 3, SAMPLED.withSeed(42L)).join();
        SampleResponse b = sampler.sample(PROMPT, 3, SAMPLED.withSeed(42L)).join();
        SampleResponse c = sampler.sample(PROMPT, 3, SAMPLED.withSeed(43L)).join();
        assertThat(b.sequences()).isEqualTo(a.sequences());
        assertThat(c.sequences().get(0).tokens()).isNotEqualTo(a.sequences().get(0).tokens());
        assertThat(a.sequences().get(1).tokens()).isNotEqualTo(a.sequences().get(0).tokens());   // independent samples
    }

    @Test
    void aSeededSequenceDoesNotDependOnHowManyShareTheBatch() {
        SampleResponse one = sampler.sample(PROMPT, 1, SAMPLED.withSeed(9L)).join();
        SampleResponse four = sampler.sample(PROMPT, 4, SAMPLED.withSeed(9L)).join();
        assertThat(four.sequences().get(0).tokens()).isEqualTo(one.sequences().get(0).tokens());
    }

    @Test
    void withoutASeedTwoCallsDiffer() {
        SampleResponse a = sampler.sample(PROMPT, 1, SAMPLED).join();
        SampleResponse b = sampler.sample(PROMPT, 1, SAMPLED).join();
        assertThat(a.sequences().get(0).tokens()).isNotEqualTo(b.sequences().get(0).tokens());
    }

    @Test
    void aSnapshotDoesNotChangeWhenTrainingGoesOn() {
        LocalTrainingClient training = fixture.training();
        var snapshot = (LocalSamplingClient) training.saveWeightsAndGetSamplingClient().join();
        ModelInput probe = ModelInput.fromInts(117, 45, 66, 33, 98, 121, 54, 100);
        List<Double> before = snapshot.computeLogprobs(probe).join();
        SampleResponse sampledBefore = snapshot.sample(PROMPT, 2, SAMPLED.withSeed(1L)).join();
        for (int step = 0; step < 3; step++) {
            training.forwardBackward(fixture.golden.datums(), LossFn.CROSS_ENTROPY);
            training.optimStep(AdamParams.defaults().withLearningRate(5e-2));
        }
        var later = (LocalSamplingClient) training.saveWeightsAndGetSamplingClient().join();
        assertThat(snapshot.computeLogprobs(probe).join()).isEqualTo(before);
        assertThat(snapshot.sample(PROMPT, 2, SAMPLED.withSeed(1L)).join().sequences()).isEqualTo(sampledBefore.sequences());
        double[] trained = doubles(later.computeLogprobs(probe).join().subList(1, probe.length()));
        double[] frozen = doubles(before.subList(1, probe.length()));
        assertThat(maxAbsDifference(trained, frozen)).isGreaterThan(1e-3);
        snapshot.close();
        later.close();
    }

    @Test
    void badInputIsRefusedAtCallTime() {
        int vocab = fixture.vocabSize();
        SamplingParams ok = SamplingParams.defaults().withMaxTokens(4);
        List<Runnable> calls = List.of(
                () -> sampler.sample(ModelInput.empty(), 1, ok),
                () -> sampler.sample(PROMPT, 0, ok),
                () -> sampler.sample(ModelInput.fromInts(1, vocab), 1, ok),
                () -> sampler.sample(PROMPT, 1, ok.withMaxTokens(128 - PROMPT.length() + 1)),
                () -> sampler.sample(PROMPT, 1, ok.withMaxTokens(0)),
                () -> sampler.sample(PROMPT, 1, ok.withTopP(0.0)),
                () -> sampler.sample(PROMPT, 1, ok.withTopP(1.5)),
                () -> sampler.sample(PROMPT, 1, ok.withTemperature(0.0)),
                () -> sampler.sample(PROMPT, 1, ok.withStopTokens(List.of(vocab))),
                () -> sampler.sample(PROMPT, 1, ok, false, -1),
                () -> sampler.computeLogprobs(ModelInput.empty()),
                () -> sampler.sampleStreaming(PROMPT, 0, ok, t -> { }));
        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i)::run).as("call %d", i).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void streamingDeliversEveryTokenInOrderAndMatchesTheResponse() {
        List<SampledToken> streamed = new CopyOnWriteArrayList<>();
        SampleResponse response = sampler.sampleStreaming(PROMPT, 3, SAMPLED.withSeed(8L), streamed::add).join();
        for (int s = 0; s < 3; s++) {
            int sequence = s;
            List<SampledToken> mine = streamed.stream().filter(t -> t.sequence() == sequence).toList();
            assertThat(mine).extracting(SampledToken::position).isSorted().doesNotHaveDuplicates();
            assertThat(mine).extracting(SampledToken::token).isEqualTo(response.sequences().get(s).tokens());
            assertThat(mine.get(mine.size() - 1).stopReason()).isEqualTo(response.sequences().get(s).stopReason());
            assertThat(mine.subList(0, mine.size() - 1)).noneMatch(SampledToken::isLast);
        }
        assertThat(response.sequences()).isEqualTo(sampler.sample(PROMPT, 3, SAMPLED.withSeed(8L)).join().sequences());
    }

    @Test
    void cancellingAStreamStopsDecodingAndFreesItsMemory() {
        int tensorsBefore = SamplerProbe.liveTensors(sampler);
        SamplerProbe.CountingForwards counted = new SamplerProbe.CountingForwards();
        CompletableFuture<CompletableFuture<SampleResponse>> handle = new CompletableFuture<>();
        List<SampledToken> streamed = new CopyOnWriteArrayList<>();
        CompletableFuture<SampleResponse> future = counted.sampleStreaming(sampler, PROMPT, 2,
                SAMPLED.withMaxTokens(100), token -> {
                    streamed.add(token);
                    if (streamed.size() == 6) {
                        handle.join().cancel(false);   // from the listener: stop after the third step
                    }
                });
        handle.complete(future);
        assertThatThrownBy(future::join).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(SamplerProbe.liveTensors(sampler)).isEqualTo(tensorsBefore);   // queued after the sample: it has ended
        assertThat(streamed).hasSize(6);
        assertThat(counted.forwards()).isEqualTo(3);    // prefill + 2 steps, none after the cancel
        assertThat(sampler.sample(PROMPT, 1, SAMPLED).join().sequences()).hasSize(1);
    }

    @Test
    void samplingLeavesNoTensorsBehind() {
        sampler.sample(PROMPT, 2, SAMPLED.withTopK(10).withTopP(0.9), true, 5).join();   // first use of the model's constants
        int before = SamplerProbe.liveTensors(sampler);
        sampler.sample(PROMPT, 4, SAMPLED.withTemperature(0.7).withTopK(7).withTopP(0.8), true, 3).join();
        sampler.computeLogprobs(PROMPT).join();
        assertThat(SamplerProbe.liveTensors(sampler)).isEqualTo(before);
    }

    @Test
    void savedCheckpointsAreSampledByTheirTinkerPathAndUnknownOnesAreRefused() {
        LocalTrainingClient training = fixture.training();
        training.loadState(fixture.golden.adapter().toString()).join();
        String path = training.saveWeightsForSampler("for-sampling-" + System.nanoTime()).join().path();
        List<Double> expected = sampler.computeLogprobs(PROMPT).join();
        var fromService = (LocalSamplingClient) fixture.service.createSamplingClient(path);
        var fromTraining = (LocalSamplingClient) training.createSamplingClient(path);
        assertThat(fromService.computeLogprobs(PROMPT).join()).isEqualTo(expected);
        assertThat(fromTraining.computeLogprobs(PROMPT).join()).isEqualTo(expected);
        fromService.close();
        fromTraining.close();
        String missing = "tinker://run-1/sampler_weights/final";
        assertThatThrownBy(() -> fixture.service.createSamplingClient(missing)).isInstanceOf(CheckpointNotFoundException.class)
                .hasMessageContaining(missing);
        assertThatThrownBy(() -> training.createSamplingClient(missing)).isInstanceOf(CheckpointNotFoundException.class);
    }

    @Test
    void aTrainingClientSamplesItsBaseModelOrAnAdapterFolder() {
        LocalTrainingClient training = fixture.training();
        try (var base = (LocalSamplingClient) training.createSamplingClient(fixture.golden.model().toString());
             var tuned = (LocalSamplingClient) training.createSamplingClient(fixture.golden.adapter().toString())) {
            List<Double> tunedLogprobs = tuned.computeLogprobs(PROMPT).join();
            assertThat(tunedLogprobs).isEqualTo(sampler.computeLogprobs(PROMPT).join());
            assertThat(base.computeLogprobs(PROMPT).join()).isNotEqualTo(tunedLogprobs);
        }
    }

    @Test
    void aClosedSamplerRefusesRequests() {
        LocalSamplingClient closed = fixture.sampler();
        closed.close();
        assertThatThrownBy(() -> closed.sample(PROMPT, 1, SAMPLED)).isInstanceOf(IllegalStateException.class);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
