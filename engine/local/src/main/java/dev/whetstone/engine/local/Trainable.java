package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.model.FloatTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training client trains: a LoRA adapter on the shared base weights ({@link LoraTrainable}), or
 * for full fine-tuning its own float32 copy of every weight ({@link FullTrainable}). Lives on the model's
 * device thread.
 */
interface Trainable extends AutoCloseable {

    /** The decoder the forward pass runs. */
    Decoder decoder();

    /** What the decoder adds to frozen projections (the LoRA delta, or nothing). */
    AdapterHook hook();

    /** The trainable tensors, in a fixed order. */
    List<NDArray> parameters();

    /** Their names (PEFT keys, or Hugging Face weight names), in the order of {@link #parameters()}. */
    List<String> parameterNames();

    /** Every trainable tensor copied to the host under its name. */
    Map<String, FloatTensor> toHost();

    /** Writes the weights as a folder others load: a PEFT adapter, or a full Hugging Face model. */
    void writeFolder(Path dir) throws IOException;

    /** Replaces the weights with those of such a folder. */
    void load(Path folder);

    /** A sampling client on an immutable copy of the current weights. */
    LocalSamplingClient snapshot(String description);

    @Override
    void close();
}
