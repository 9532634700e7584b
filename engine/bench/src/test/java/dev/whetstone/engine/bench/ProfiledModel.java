package dev.whetstone.engine.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.model.DecoderWeights;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.local.model.RotaryTables;
import dev.whetstone.engine.model.WeightFiles;
import dev.whetstone.engine.local.tensor.Autograd;
import dev.whetstone.engine.local.tensor.NativeHeap;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.nio.file.Path;

/**
 * The bench's synthetic S model (written to {@code /tmp/perf-model-S}) loaded as the engine loads it, with
 * the bench's data, for the profiling mains {@link StepProfile} and {@code sample.SampleProfile} (not tests).
 * The glibc heap tuning is applied first, as the engine's service client does.
 *
 * <p>Example: {@code try (ProfiledModel m = ProfiledModel.small()) { m.decoder() ... m.adapter(16) }}
 */
public final class ProfiledModel implements AutoCloseable {
    private final BenchData data;
    private final ModelConfig config;
    private final NDManager manager;
    private final WeightFiles files;
    private final ScalarConstants constants;
    private final RotaryTables rotary;
    private final DecoderWeights weights;
    private final Decoder decoder;

    private ProfiledModel(Path folder, BenchData data) {
        this.data = data;
        this.config = ModelConfig.read(folder.resolve("config.json"));
        this.manager = NDManager.newBaseManager();
        this.files = WeightFiles.open(folder);
        this.constants = new ScalarConstants(manager, DataType.FLOAT32);
        this.rotary = new RotaryTables(manager, config);
        this.weights = DecoderWeights.load(config, files, new OwnedTensors(manager, "base weights"), DataType.FLOAT32);
        this.decoder = new Decoder(config, weights, rotary, constants);
    }

    /** The S model with random weights (seed 1) and the bench's batch of 8 × 256 and its 32 + 128 token request. */
    public static ProfiledModel small() {
        ModelShape shape = ModelShape.small();
        Path folder = SyntheticModel.write(shape, 1L, Path.of("/tmp/perf-model-S"));
        BenchData data = BenchData.random(shape, 8, 256, 32, 128, 1L);
        NativeHeap.keepFreedMemory();
        ai.djl.engine.Engine.getInstance();
        Autograd.disable();
        return new ProfiledModel(folder, data);
    }

    /** A fresh rank-{@code rank} adapter on every projection (seed 1), as the bench trains. */
    public LoraAdapter adapter(int rank) {
        return LoraAdapter.initialize(config, new LoraConfig(rank, LoraConfig.DEFAULT_ALPHA, 0L, true, true, false), 1L,
                manager, constants);
    }

    public BenchData data() { return data; }

    public ModelConfig config() { return config; }

    public NDManager manager() { return manager; }

    public ScalarConstants constants() { return constants; }

    public DecoderWeights weights() { return weights; }

    public Decoder decoder() { return decoder; }

    @Override
    public void close() {
        manager.close();   // the weights, tables and constants are owners under it
        files.close();
    }
}
