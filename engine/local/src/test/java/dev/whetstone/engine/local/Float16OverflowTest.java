package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelFolderFiles;
import dev.whetstone.engine.model.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the engine narrows to float16 (the frozen matrices on a GPU; run here on the CPU, where libtorch
 * computes float16 too), a value beyond ±65,504 is reported as {@link Float16OverflowException} — on
 * loading a weight, in a pass's loss, in the gradients at {@code optimStep} — and nothing is trained on it.
 */
class Float16OverflowTest {
    private static final DeviceSelection HALF_ON_CPU = new DeviceSelection(Device.cpu(), "cpu, float16 matrices (test)",
            "cpu", DataType.FLOAT16);
    private static final GoldenCase GOLDEN = GoldenCase.load("qwen3_tied");
    private static final String DOWN = "model.layers.1.mlp.down_proj.weight";
    private static final String FIRST_B = "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight";

    @TempDir
    Path dir;

    @Test
    void aWeightBeyondFloat16IsRefusedOnLoadingFromFloat32AndFromBf16() throws IOException {
        Consumer<Map<String, FloatTensor>> huge = w -> {
            float[] data = w.get(DOWN).data();
            data[5] = 131_072f;   // 2^17: exact in float32 and bfloat16
            w.put(DOWN, new FloatTensor(data, w.get(DOWN).shape()));
        };
        for (boolean bf16 : new boolean[] {false, true}) {
            Path folder = variant(bf16 ? "bf16" : "f32", huge, bf16);
            assertThatThrownBy(() -> BaseModel.load("huge", folder, HALF_ON_CPU, () -> { }))
                    .isInstanceOf(Float16OverflowException.class)
                    .hasMessageContaining(DOWN).hasMessageContaining("131072").hasMessageContaining("65504");
        }
    }

    @Test
    void anActivationBeyondFloat16FailsThePassAndTrainsNothing() throws IOException {
        // gate and up entries of ±100 fit float16, but silu(gate)·up, the input of down_proj, reaches ~10^5
        Path folder = variant("loud", w -> w.replaceAll((name, t) -> {
            if (!name.contains("gate_proj") && !name.contains("up_proj")) {
                return t;
            }
            float[] data = new float[t.data().length];
            for (int i = 0; i < data.length; i++) {
                data[i] = i % 3 == 0 ? -100f : 100f;
            }
            return new FloatTensor(data, t.shape());
        }), false);
        try (TrainingSession half = new TrainingSession(folder, HALF_ON_CPU)) {
            Map<String, FloatTensor> before = TrainingProbe.weights(half.client).join();

            assertThatThrownBy(() -> half.client.forwardBackward(GOLDEN.datums(), LossFn.CROSS_ENTROPY).join())
                    .isInstanceOf(CompletionException.class).cause()
                    .isInstanceOf(Float16OverflowException.class).hasMessageContaining("float16").hasMessageContaining("CPU");
            assertThat(TrainingProbe.gradients(half.client).join().values()).allSatisfy(g -> assertAllZero(g.data()));
            TrainingClientBehaviourTest.assertSameTensors(TrainingProbe.weights(half.client).join(), before, 0);
        }
        try (TrainingSession full = new TrainingSession(folder, DeviceSelection.choose("cpu"))) {   // float32 holds it
            assertThat(full.client.forward(GOLDEN.datums(), LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum")).isFinite();
        }
    }

    @Test
    void gradientsBeyondFloat16AreRefusedAtOptimStepAndChangeNothing() {
        List<Datum> heavy = new ArrayList<>();
        for (Datum d : GOLDEN.datums()) {   // loss weights of 10^6: the loss fits float32, its gradient not float16
            TensorData targets = d.lossFnInputs().get("target_tokens");
            float[] weights = new float[targets.size()];
            Arrays.fill(weights, 1.0e6f);
            heavy.add(new Datum(d.modelInput(), Map.of("target_tokens", targets,
                    "weights", TensorData.ofFloats(weights, targets.shape()))));
        }
        try (TrainingSession half = new TrainingSession(GOLDEN.model(), HALF_ON_CPU)) {
            Map<String, FloatTensor> before = TrainingProbe.weights(half.client).join();
            assertThat(half.client.forwardBackward(heavy, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum")).isFinite();

            assertThatThrownBy(() -> half.client.optimStep(AdamParams.defaults()).join())
                    .cause().isInstanceOf(Float16OverflowException.class).hasMessageContaining("gradients");
            TrainingClientBehaviourTest.assertSameTensors(TrainingProbe.weights(half.client).join(), before, 0);

            half.client.forwardBackward(GOLDEN.datums(), LossFn.CROSS_ENTROPY).join();   // an ordinary step still trains
            assertThat(half.client.optimStep(AdamParams.defaults()).join().metrics().get("grad_norm:mean")).isFinite();
            assertThat(TrainingProbe.weights(half.client).join().get(FIRST_B).data())
                    .isNotEqualTo(before.get(FIRST_B).data());
        }
    }

    /** The golden model folder with its weights edited, written as F32 or BF16. */
    private Path variant(String name, Consumer<Map<String, FloatTensor>> edit, boolean bf16) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Map<String, FloatTensor> weights = new TreeMap<>(GoldenCase.tensors(GOLDEN.model().resolve("model.safetensors")));
        edit.accept(weights);
        if (bf16) {
            SafetensorsWriter.writeBf16(folder.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        } else {
            SafetensorsWriter.write(folder.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        }
        Files.copy(GOLDEN.model().resolve("config.json"), folder.resolve("config.json"));
        for (String file : ModelFolderFiles.COPIED) {
            if (Files.exists(GOLDEN.model().resolve(file))) {
                Files.copy(GOLDEN.model().resolve(file), folder.resolve(file));
            }
        }
        return folder;
    }

    private static void assertAllZero(float[] values) {
        for (float v : values) {
            assertThat(v).isZero();
        }
    }

    /** A LoRA training client on {@code folder} loaded with {@code device}'s matrix type. */
    private final class TrainingSession implements AutoCloseable {
        final LocalTrainingClient client;

        TrainingSession(Path folder, DeviceSelection device) {
            BaseModel model = BaseModel.load(folder.getFileName().toString(), folder, device, () -> { });
            client = LocalTrainingClient.create(model, new LocalCheckpointStore(dir.resolve("home")), "overflow",
                    LoraConfig.ofRank(4).withSeed(7L), 1L, null);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
