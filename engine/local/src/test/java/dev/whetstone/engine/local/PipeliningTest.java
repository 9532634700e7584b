package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tinker's ordering rule: requests on one client execute in call order, whichever thread calls. */
class PipeliningTest {
    private static final int THREADS = 4;
    private static final int PAIRS_PER_THREAD = 50;
    private static final AdamParams ADAM = AdamParams.defaults().withLearningRate(1e-2);

    @Test
    void pairsSubmittedFromSeveralThreadsRunInCallOrder(@TempDir Path home) throws Exception {
        GoldenCase golden = GoldenCase.load("qwen2_bias");
        List<Datum> data = golden.datums().subList(0, 1);
        LoraConfig lora = LoraConfig.ofRank(2).withSeed(5L);
        int pairs = THREADS * PAIRS_PER_THREAD;
        List<CompletableFuture<ForwardBackwardOutput>> losses = new ArrayList<>();
        List<CompletableFuture<OptimStepResponse>> steps = new ArrayList<>();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
             var concurrent = service.createLoraTrainingClient(golden.model().toString(), lora);
             var sequential = service.createLoraTrainingClient(golden.model().toString(), lora)) {
            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> callerDone = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callerDone.add(callers.submit(() -> {
                    for (int i = 0; i < PAIRS_PER_THREAD; i++) {
                        synchronized (losses) {   // one caller's pair is submitted back to back
                            losses.add(concurrent.forwardBackward(data, LossFn.CROSS_ENTROPY));
                            steps.add(concurrent.optimStep(ADAM));
                        }
                    }
                }));
            }
            for (Future<?> f : callerDone) {
                f.get();
            }
            callers.shutdown();
            CompletableFuture.allOf(losses.toArray(CompletableFuture[]::new)).join();
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).join();

            // the k-th submitted optimStep was the k-th applied, and saw the gradient of the batch before it
            for (int k = 0; k < pairs; k++) {
                var metrics = steps.get(k).join().metrics();
                assertThat(metrics.get("step:max")).isEqualTo(k + 1.0);
                assertThat(metrics.get("grad_norm:mean")).as("step " + k).isGreaterThan(0);
            }
            // replaying the same calls one at a time gives the same loss at every step: same execution order
            for (int k = 0; k < pairs; k++) {
                double replay = sequential.forwardBackward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
                sequential.optimStep(ADAM).join();
                assertThat(losses.get(k).join().metrics().get("loss:sum")).as("loss at step " + k).isCloseTo(replay, within(1e-6));
            }
        }
    }
}
