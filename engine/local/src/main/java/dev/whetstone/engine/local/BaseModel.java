package dev.whetstone.engine.local;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.model.DecoderWeights;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.local.model.RotaryTables;
import dev.whetstone.engine.model.WeightFiles;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded base model: its frozen weights on the device, its tokenizer, and the device thread that
 * owns them. Training and sampling clients on the same model share it (one copy of the weights); it
 * is freed when the last of them closes.
 */
public final class BaseModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BaseModel.class);

    private final String name;
    private final Path folder;
    private final ModelConfig config;
    private final HfTokenizer tokenizer;
    private final DeviceSelection device;
    private final DeviceThread thread;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClosed;
    private NDManager manager;
    private WeightFiles files;
    private DecoderWeights weights;
    private ScalarConstants constants;
    private RotaryTables rotary;
    private Decoder decoder;

    private BaseModel(String name, Path folder, ModelConfig config, HfTokenizer tokenizer, DeviceSelection device,
                      Runnable onClosed) {
        this.name = name;
        this.folder = folder;
        this.config = config;
        this.tokenizer = tokenizer;
        this.device = device;
        this.onClosed = onClosed;
        this.thread = new DeviceThread("whetstone-device-" + folder.getFileName());
    }

    /** Reads {@code folder} (config, tokenizer, weights) onto {@code device}; blocks until loaded. */
    static BaseModel load(String name, Path folder, DeviceSelection device, Runnable onClosed) {
        Engine.getEngine("PyTorch");   // loads libtorch on first use (DeviceSelection.choose does too)
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        HfTokenizer tokenizer = HfTokenizer.load(folder, name);
        BaseModel model = new BaseModel(name, folder, config, tokenizer, device, onClosed);
        try {
            model.thread.call("loading " + folder, () -> {
                model.loadWeights();
                return null;
            });
        } catch (RuntimeException e) {
            model.thread.close();
            tokenizer.close();
            throw e;
        }
        return model;
    }

    private void loadWeights() {
        long start = System.nanoTime();
        manager = NDManager.newBaseManager(device.device());
        manager.setName(name);
        try {
            files = WeightFiles.open(folder);
            weights = DecoderWeights.load(config, files, new OwnedTensors(manager, "base weights"), device.matrixType());
        } catch (RuntimeException e) {
            manager.close();   // what was loaded before the failure
            if (files != null) {
                files.close();
            }
            manager = null;
            throw e;
        }
        constants = new ScalarConstants(manager, DataType.FLOAT32);
        rotary = new RotaryTables(manager, config);
        decoder = new Decoder(config, weights, rotary, constants);
        LOG.info("Loaded {} ({}, {} layers, {} parameters) on {} in {} ms", name, config.architecture().hfName(),
                config.numLayers(), config.parameterCount(), device.description(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Registers one more client using this model. */
    void retain() {
        users.incrementAndGet();
    }

    /**
     * One more client, unless the last one has already let go (the model is closing then, and a caller must load
     * a new one); whether it registered.
     */
    boolean tryRetain() {
        return users.getAndUpdate(n -> n == 0 ? 0 : n + 1) > 0;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** A client stopped using this model; the last one frees it. */
    void release() {
        if (users.decrementAndGet() == 0) {
            close();
        }
    }

    public String name() {
        return name;
    }

    public Path folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public DeviceThread thread() {
        return thread;
    }

    public DeviceSelection device() {
        return device;
    }

    /** The root of this model's tensors: every owner's manager is a child of it. Only on the device thread. */
    public NDManager manager() {
        return manager;
    }

    /** Only on the device thread. */
    public Decoder decoder() {
        return decoder;
    }

    /** Only on the device thread. */
    public DecoderWeights weights() {
        return weights;
    }

    /** Only on the device thread. */
    public RotaryTables rotary() {
        return rotary;
    }

    /** Only on the device thread. */
    public ScalarConstants constants() {
        return constants;
    }

    @Override
    public void close() {
        thread.requireNotCurrent("closing the model " + name);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.call("closing " + name, () -> {
            if (manager != null) {
                manager.close();   // every owner below it: weights, tables, constants, adapters, optimizer state, caches
                files.close();
                manager = null;
                device.releaseCachedMemory();
            }
            return null;
        });
        thread.close();
        tokenizer.close();
        onClosed.run();
    }
}
