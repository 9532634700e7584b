package dev.whetstone.engine;

import java.util.Map;
import java.util.Objects;

/**
 * One training example: the tokens fed to the model and the named tensors its loss function reads
 * (for {@code cross_entropy}: {@code target_tokens} and {@code weights}).
 *
 * <p>Position {@code i} of {@code modelInput} predicts {@code target_tokens[i]}, so build a datum from a
 * full sequence as input {@code full[:-1]} and targets {@code full[1:]}:
 * {@code new Datum(ModelInput.fromInts(1, 2), Map.of("target_tokens", TensorData.ofInts(new int[] {2, 3}),
 * "weights", TensorData.ofFloats(new float[] {1, 1})))}
 *
 * @param modelInput   the input tokens, length N
 * @param lossFnInputs loss inputs by name, each {@code (N,)} or {@code (N, K)}; copied
 */
public record Datum(ModelInput modelInput, Map<String, TensorData> lossFnInputs) {

    public Datum {
        Objects.requireNonNull(modelInput, "modelInput");
        Objects.requireNonNull(lossFnInputs, "lossFnInputs");
        lossFnInputs.forEach((key, value) -> {
            Objects.requireNonNull(key, "lossFnInputs has a null key");
            Objects.requireNonNull(value, () -> "lossFnInputs has a null value for key '" + key + "'");
        });
        lossFnInputs = Map.copyOf(lossFnInputs);
    }

    /** A datum with no loss inputs, e.g. for {@code forward} only: {@code new Datum(ModelInput.fromInts(1, 2))}. */
    public Datum(ModelInput modelInput) {
        this(modelInput, Map.of());
    }

    /** The loss input named {@code key}, or {@code null} if absent: {@code datum.input("weights")}. */
    public TensorData input(String key) {
        return lossFnInputs.get(key);
    }
}
