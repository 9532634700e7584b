package dev.whetstone.engine.local.optim;

import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import ai.djl.ndarray.NDArray;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.SafetensorsFile;
import dev.whetstone.engine.local.optim.AdamW;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AdamW's moments in a training checkpoint: {@code optimizer.safetensors} with keys
 * {@code <parameter name>.exp_avg} and {@code <parameter name>.exp_avg_sq} (torch's state names), F32, so a
 * restored optimizer continues bit for bit. The step counter lives in {@code checkpoint.json}.
 */
public final class OptimizerState {
    public static final String FILE = LocalCheckpointStore.OPTIMIZER_FILE;

    private OptimizerState() {
    }

    /** The moments of every parameter (zeros before the first step), on the device thread. */
    public static Map<String, FloatTensor> toHost(List<String> names, List<NDArray> params, AdamW optimizer) {
        Map<String, FloatTensor> state = new TreeMap<>();
        for (int i = 0; i < params.size(); i++) {
            long[] shape = params.get(i).getShape().getShape();
            float[] first;
            float[] second;
            if (optimizer.hasState()) {
                NDArray[] moments = optimizer.moments(i);
                first = moments[0].toFloatArray();
                second = moments[1].toFloatArray();
            } else {
                first = new float[Math.toIntExact(params.get(i).size())];
                second = first.clone();
            }
            state.put(names.get(i) + ".exp_avg", new FloatTensor(first, shape));
            state.put(names.get(i) + ".exp_avg_sq", new FloatTensor(second, shape));
        }
        return state;
    }

    /** Restores {@code optimizer} from {@code file} for the named parameters, on the device thread. */
    public static void read(Path file, List<String> names, List<NDArray> params, AdamW optimizer, long step) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointNotFoundException(file + " is missing: the checkpoint has no optimizer state; use loadState");
        }
        List<FloatTensor> first = new ArrayList<>();
        List<FloatTensor> second = new ArrayList<>();
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            for (int i = 0; i < params.size(); i++) {
                long[] shape = params.get(i).getShape().getShape();
                first.add(moment(tensors, names.get(i) + ".exp_avg", shape));
                second.add(moment(tensors, names.get(i) + ".exp_avg_sq", shape));
            }
        }
        optimizer.restore(step, first, second);   // every moment read and checked before the old ones go
    }

    private static FloatTensor moment(SafetensorsFile tensors, String key, long[] shape) {
        if (!tensors.tensors().containsKey(key)) {
            throw new CheckpointNotFoundException(tensors.file() + " has no '" + key + "': the optimizer state does not match "
                    + "this adapter; use loadState for the weights alone");
        }
        long[] actual = tensors.tensors().get(key).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new CheckpointNotFoundException(tensors.file() + ": '" + key + "' has shape " + Arrays.toString(actual)
                    + " but the adapter needs " + Arrays.toString(shape));
        }
        return new FloatTensor(FloatTensor.valuesOf(tensors.float32(key)), shape);
    }
}
