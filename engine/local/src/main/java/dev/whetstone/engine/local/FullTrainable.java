package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.model.DecoderWeights;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelFolderFiles;
import dev.whetstone.engine.model.SafetensorsWriter;
import dev.whetstone.engine.model.WeightFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full fine-tuning (an extension beyond Tinker's LoRA-only API): a float32 copy of every weight of the
 * base model, all trained. It runs on the base model's device thread but never changes the shared base
 * weights; its checkpoints are whole Hugging Face model folders.
 */
final class FullTrainable implements Trainable {
    private final BaseModel model;
    private OwnedTensors owned;
    private DecoderWeights weights;
    private Decoder decoder;

    private FullTrainable(BaseModel model) {
        this.model = model;
    }

    /** A trainable copy of {@code model}'s weights (on the device thread). */
    static FullTrainable copyOf(BaseModel model) {
        FullTrainable trainable = new FullTrainable(model);
        trainable.use(model.weights());
        return trainable;
    }

    /** Trains a float32 copy of {@code source} from now on, freeing the weights trained before. */
    private void use(DecoderWeights source) {
        OwnedTensors copies = new OwnedTensors(model.manager(), "full fine-tuning weights");
        DecoderWeights copied = source.map(t -> trainableCopy(t, copies));
        if (owned != null) {
            owned.close();
        }
        owned = copies;
        weights = copied;
        decoder = new Decoder(model.config(), copied, model.rotary(), model.constants());
    }

    @Override
    public Decoder decoder() {
        return decoder;
    }

    @Override
    public AdapterHook hook() {
        return AdapterHook.NONE;
    }

    @Override
    public List<NDArray> parameters() {
        return new ArrayList<>(weights.trainables().values());
    }

    @Override
    public List<String> parameterNames() {
        return new ArrayList<>(weights.trainables().keySet());
    }

    @Override
    public Map<String, FloatTensor> toHost() {
        Map<String, FloatTensor> host = new LinkedHashMap<>();
        weights.named().forEach((name, t) -> host.put(name, new FloatTensor(t.toFloatArray(), t.getShape().getShape())));
        return host;
    }

    @Override
    public void writeFolder(Path dir) throws IOException {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), toHost(), Map.of("format", "pt"));
        ModelFolderFiles.copy(model.folder(), dir, false);
    }

    @Override
    public void load(Path folder) {
        try (WeightFiles files = WeightFiles.open(folder);
             OwnedTensors mapped = new OwnedTensors(model.manager(), "weights being loaded")) {
            use(DecoderWeights.load(model.config(), files, mapped, DataType.FLOAT32));
        }
    }

    @Override
    public LocalSamplingClient snapshot(String description) {
        OwnedTensors snapshot = new OwnedTensors(model.manager(), "full fine-tuning snapshot");
        DecoderWeights frozen = weights.map(t -> snapshot.keep(float32Copy(t)));
        Decoder frozenDecoder = new Decoder(model.config(), frozen, model.rotary(), model.constants());
        return LocalSamplingClient.withDecoder(model, frozenDecoder, snapshot, description);
    }

    @Override
    public void close() {
        owned.close();
    }

    private static NDArray trainableCopy(NDArray tensor, OwnedTensors owner) {
        NDArray copy = owner.keep(float32Copy(tensor));   // torch-owned, never the shared base or the mapped file
        copy.setRequiresGradient(true);
        return copy;
    }

    /**
     * A float32 copy with its own storage. Not {@code toType(FLOAT32, true)}: DJL's PyTorch engine ignores
     * the copy flag when the type already matches and returns an alias (torch's {@code to()}).
     */
    private static NDArray float32Copy(NDArray tensor) {
        return tensor.getDataType() == DataType.FLOAT32 ? tensor.duplicate() : tensor.toType(DataType.FLOAT32, false);
    }
}
