package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.lora.PeftAdapterReader;
import dev.whetstone.engine.lora.PeftAdapterWriter;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.model.FloatTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A LoRA adapter trained on the shared, frozen base weights (Tinker's method). */
final class LoraTrainable implements Trainable {
    private final BaseModel model;
    private final LoraAdapter adapter;

    LoraTrainable(BaseModel model, LoraAdapter adapter) {
        this.model = model;
        this.adapter = adapter;
    }

    LoraAdapter adapter() {
        return adapter;
    }

    @Override
    public Decoder decoder() {
        return model.decoder();
    }

    @Override
    public AdapterHook hook() {
        return adapter;
    }

    @Override
    public List<NDArray> parameters() {
        return adapter.parameters();
    }

    @Override
    public List<String> parameterNames() {
        return adapter.parameterNames();
    }

    @Override
    public Map<String, FloatTensor> toHost() {
        return adapter.toHost();
    }

    @Override
    public void writeFolder(Path dir) throws IOException {
        PeftAdapterWriter.write(dir, adapter.toHost(), adapter.rank(), adapter.alpha(), model.name());
    }

    @Override
    public void load(Path folder) {
        adapter.load(PeftAdapterReader.read(folder, model.config()));
    }

    @Override
    public LocalSamplingClient snapshot(String description) {
        return LocalSamplingClient.create(model, adapter.copy().freeze(), description);
    }

    @Override
    public void close() {
        adapter.close();
    }
}
