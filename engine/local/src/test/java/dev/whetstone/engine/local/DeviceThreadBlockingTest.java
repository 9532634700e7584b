package dev.whetstone.engine.local;

import static dev.whetstone.engine.local.SamplingFixture.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingParams;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion stages and callbacks that used to deadlock the model's device thread either complete or fail
 * at once with an {@link IllegalStateException} that says why; none hangs (every wait is bounded).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeviceThreadBlockingTest {
    private static final SamplingParams THREE_TOKENS = SamplingParams.defaults().withMaxTokens(3).withIgnoreEos(true)
            .withSeed(1L);
    private static final long WAIT_S = 60;
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
    void aStageClosingTheClientRunsOffTheDeviceThreadAndCompletes() throws Exception {
        LocalTrainingClient training = fixture.training();
        LocalSamplingClient sampler = fixture.sampler();
        AtomicReference<Thread> device = new AtomicReference<>();
        AtomicReference<Thread> stage = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        // hold the device thread in a listener so the stage below is chained before its future completes
        CompletableFuture<SampleResponse> holding = sampler.sampleStreaming(PROMPT, 1, THREE_TOKENS, token -> {
            device.set(Thread.currentThread());
            awaitQuietly(release);
        });
        CompletableFuture<Void> closed = training.forwardBackward(fixture.golden.datums(), LossFn.CROSS_ENTROPY)
                .thenRun(() -> {
                    stage.set(Thread.currentThread());
                    training.close();   // blocks until the device thread has freed the adapter
                });
        release.countDown();

        closed.get(WAIT_S, TimeUnit.SECONDS);
        holding.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(stage.get()).isNotNull().isNotSameAs(device.get());
        assertThatThrownBy(() -> training.forward(fixture.golden.datums(), LossFn.CROSS_ENTROPY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }

    @Test
    void joiningAnEngineFutureInsideASampleListenerFailsAtOnceAndTheModelKeepsServing() {
        LocalSamplingClient sampler = fixture.sampler();
        CompletableFuture<SampleResponse> outer = sampler.sampleStreaming(PROMPT, 1, THREE_TOKENS,
                token -> sampler.sample(PROMPT, 1, THREE_TOKENS).join());

        assertThatThrownBy(() -> outer.get(WAIT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("device thread").hasMessageContaining("would wait for that same thread forever");
        assertThat(sampler.sample(PROMPT, 2, THREE_TOKENS).orTimeout(WAIT_S, TimeUnit.SECONDS).join().sequences()).hasSize(2);
    }

    @Test
    void closingAClientInsideASampleListenerFailsAtOnceAndLeavesItOpen() {
        LocalTrainingClient training = fixture.training();
        LocalSamplingClient sampler = fixture.sampler();
        CompletableFuture<SampleResponse> outer = sampler.sampleStreaming(PROMPT, 1, THREE_TOKENS, token -> training.close());

        assertThatThrownBy(() -> outer.get(WAIT_S, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closing the TrainingClient");
        assertThat(training.forward(fixture.golden.datums(), LossFn.CROSS_ENTROPY).orTimeout(WAIT_S, TimeUnit.SECONDS)
                .join().metrics()).containsKey("loss:sum");
    }

    @Test
    void waitingForTheSameModelInsideACustomLossFailsAtOnce() {
        LocalTrainingClient training = fixture.training();
        CompletableFuture<?> custom = training.forwardBackwardCustom(fixture.golden.datums(), (data, logprobs) -> {
            training.forward(data, LossFn.CROSS_ENTROPY).join();
            return new CustomLoss(logprobs.get(0).sum(), java.util.Map.of());
        });

        assertThatThrownBy(() -> custom.get(WAIT_S, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("would wait for that same thread");
    }

    @Test
    void aStageChainedOnAnEngineFutureIsAlsoRefusedABlockingWaitOnTheDeviceThread() {
        LocalSamplingClient sampler = fixture.sampler();
        CompletableFuture<SampleResponse> outer = sampler.sampleStreaming(PROMPT, 1, THREE_TOKENS,
                token -> sampler.sample(PROMPT, 1, THREE_TOKENS).thenApply(SampleResponse::sequences).join());

        assertThatThrownBy(() -> outer.get(WAIT_S, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("device thread");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
