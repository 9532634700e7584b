package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two LoRA training clients on one base model (one device thread, as {@code whetstone serve} hosts several users) that
 * take turns step by step train exactly as each does alone, and neither leaves tensors behind for the other: nothing
 * one client's step computes (a cached projection, a graph, a gradient) may leak into the other's numbers or memory.
 */
class TwoClientsOnOneModelTest {
    private static final AdamParams ADAM = AdamParams.defaults().withLearningRate(1e-2).withGradClipNorm(1.0);
    private static final int STEPS = 4;

    @Test
    void twoClientsTakingTurnsTrainBitForBitAsEachAloneAndLeakNothing(@TempDir Path home) {
        GoldenCase golden = GoldenCase.load("qwen3_tied");
        List<Datum> data = golden.datums();
        LoraConfig first = LoraConfig.ofRank(4).withSeed(1L);
        LoraConfig second = LoraConfig.ofRank(8).withSeed(2L);
        List<Double> firstAlone;
        List<Double> secondAlone;
        try (ServiceClient service = engine(home.resolve("alone"))) {
            try (var client = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), first)) {
                firstAlone = train(client, data, STEPS);
            }
            try (var client = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), second)) {
                secondAlone = train(client, data, STEPS);
            }
        }
        try (ServiceClient service = engine(home.resolve("together"));
             var a = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), first);
             var b = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), second)) {
            List<Double> firstTogether = new ArrayList<>();
            List<Double> secondTogether = new ArrayList<>();
            int tensorsAfterFirstTurn = 0;
            for (int step = 0; step < STEPS; step++) {
                firstTogether.addAll(train(a, data, 1));
                secondTogether.addAll(train(b, data, 1));
                if (step == 0) {
                    tensorsAfterFirstTurn = TrainingProbe.liveTensors(a);
                }
            }
            assertThat(firstTogether).as("client A's losses and gradient norms, taking turns vs alone").isEqualTo(firstAlone);
            assertThat(secondTogether).as("client B's losses and gradient norms, taking turns vs alone").isEqualTo(secondAlone);
            assertThat(TrainingProbe.liveTensors(a)).as("tensors alive on the shared model after %d turns each", STEPS)
                    .isEqualTo(tensorsAfterFirstTurn);
        }
    }

    private static ServiceClient engine(Path home) {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    /** {@code steps} train steps; each one's loss and gradient norm, in order. */
    private static List<Double> train(LocalTrainingClient client, List<Datum> data, int steps) {
        List<Double> seen = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            var fb = client.forwardBackward(data, LossFn.CROSS_ENTROPY);
            var update = client.optimStep(ADAM);
            seen.add(fb.join().metrics().get("loss:sum"));
            seen.add(update.join().metrics().get("grad_norm:mean"));
        }
        return seen;
    }
}
