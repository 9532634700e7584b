package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.model.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full fine-tuning (an extension beyond Tinker): gradients, training, checkpoints, sampling, exact resume. */
class FullFineTuningTest {
    private static final AdamParams ADAM = AdamParams.defaults().withLearningRate(3e-3).withGradClipNorm(1.0);
    @TempDir
    Path home;

    private ServiceClient service() {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    /**
     * With B = 0, LoRA's gradient of B is {@code scale · (dL/dW) · Aᵀ}; LoRA's gradients are pinned to PyTorch,
     * so this pins the full-weight gradient of every adapted projection to it too.
     */
    @Test
    void fullWeightGradientsAgreeWithTheLoraGradientsPinnedToPyTorch() {
        GoldenCase golden = GoldenCase.load("llama3_rope_scaling");
        List<Datum> data = golden.datums();
        try (ServiceClient service = service();
             var full = (LocalTrainingClient) service.createFullTrainingClient(golden.model().toString());
             var lora = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(), LoraConfig.ofRank(4).withSeed(9L))) {
            assertThat(full.isFullFineTuning()).isTrue();
            assertThat(full.getInfo().join().isLora()).isFalse();
            full.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            lora.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            Map<String, FloatTensor> fullGrads = TrainingProbe.gradients(full).join();
            Map<String, FloatTensor> loraGrads = TrainingProbe.gradients(lora).join();
            Map<String, FloatTensor> loraWeights = TrainingProbe.weights(lora).join();
            double scale = LoraConfig.ofRank(4).scaling();
            for (String module : List.of("model.layers.0.self_attn.o_proj", "model.layers.1.mlp.down_proj", "lm_head")) {
                String peft = "base_model.model." + module;
                FloatTensor gW = fullGrads.get(module + ".weight");
                FloatTensor a = loraWeights.get(peft + ".lora_A.weight");
                FloatTensor gB = loraGrads.get(peft + ".lora_B.weight");
                int out = (int) gW.shape()[0];
                int in = (int) gW.shape()[1];
                int r = (int) a.shape()[0];
                double worst = 0;
                double magnitude = 0;
                for (int o = 0; o < out; o++) {
                    for (int k = 0; k < r; k++) {
                        double expected = 0;
                        for (int i = 0; i < in; i++) {
                            expected += gW.at(o * in + i) * a.at(k * in + i);
                        }
                        expected *= scale;
                        worst = Math.max(worst, Math.abs(expected - gB.at(o * r + k)));
                        magnitude = Math.max(magnitude, Math.abs(expected));
                    }
                }
                assertThat(magnitude).as(module).isPositive();
                assertThat(worst).as(module + " max error vs max " + magnitude).isLessThanOrEqualTo(1e-5 * magnitude);
            }
        }
    }

    @Test
    void trainingEveryWeightLowersTheLossAndLeavesTheSharedBaseUnchanged() {
        GoldenCase golden = GoldenCase.load("qwen3_tied");
        List<Datum> data = golden.datums();
        try (ServiceClient service = service();
             TrainingClient full = service.createFullTrainingClient(golden.model().toString());
             TrainingClient base = service.createLoraTrainingClient(golden.model().toString(), LoraConfig.ofRank(2))) {
            double before = base.forward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
            List<Double> losses = train(full, data, 15);
            assertThat(losses.get(14)).isLessThan(losses.get(0) - 1.0);
            assertThat(base.forward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum")).isEqualTo(before);
        }
    }

    @Test
    void fullCheckpointsAreModelFoldersThatSampleAndResumeExactly() {
        GoldenCase golden = GoldenCase.load("qwen2_bias");
        List<Datum> data = golden.datums();
        List<Double> continued;
        String state;
        String sampler;
        double lossAtSave;
        try (ServiceClient service = service(); TrainingClient full = service.createFullTrainingClient(golden.model().toString())) {
            train(full, data, 5);
            state = full.saveState("s5").join().path();
            sampler = full.saveWeightsForSampler("s5").join().path();
            lossAtSave = full.forward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
            continued = train(full, data, 5);
            var snapshot = (LocalSamplingClient) full.saveWeightsAndGetSamplingClient().join();
            train(full, data, 1);
            assertThat(snapshot.computeLogprobs(dev.whetstone.engine.ModelInput.fromInts(1, 2, 3)).join()).hasSize(3);
            snapshot.close();
        }
        try (ServiceClient fresh = service();
             TrainingClient resumed = fresh.createTrainingClientFromStateWithOptimizer(state);
             TrainingClient asModel = fresh.createLoraTrainingClient(home.resolve("runs").resolve(state.split("/")[2])
                     .resolve("sampler_weights/s5").toString(), LoraConfig.ofRank(2))) {
            assertThat(train(resumed, data, 5)).containsExactlyElementsOf(continued);
            assertThat(asModel.forward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum")).isEqualTo(lossAtSave);
            var sampling = (LocalSamplingClient) fresh.createSamplingClient(sampler);
            assertThat(sampling.computeLogprobs(dev.whetstone.engine.ModelInput.fromInts(1, 2, 3)).join()).hasSize(3);
            sampling.close();
            assertThatThrownBy(() -> fresh.checkpoints().exportPeft(state, home.resolve("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full fine-tuning checkpoint");
        }
    }

    private static List<Double> train(TrainingClient client, List<Datum> data, int steps) {
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            var fb = client.forwardBackward(data, LossFn.CROSS_ENTROPY);
            var opt = client.optimStep(ADAM);
            losses.add(fb.join().metrics().get("loss:sum"));
            opt.join();
        }
        return losses;
    }
}
