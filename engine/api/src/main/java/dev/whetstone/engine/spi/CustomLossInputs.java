package dev.whetstone.engine.spi;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The datums of a {@code forwardBackwardCustom} call as every implementation runs them (TINKER.md §3.7): only
 * {@code target_tokens} and {@code weights} are allowed, and a datum without weights gets zeros, so the forward pass
 * is a plain cross-entropy forward. {@code CustomLossInputs.withZeroWeights(data)}
 */
public final class CustomLossInputs {
    private CustomLossInputs() {
    }

    /** {@code data} with zero weights where a datum has none; another loss input is an IllegalArgumentException naming it. */
    public static List<Datum> withZeroWeights(List<Datum> data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data must hold at least one Datum, was " + (data == null ? "null" : "empty"));
        }
        List<Datum> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            Datum d = data.get(i);
            for (String key : d.lossFnInputs().keySet()) {
                if (!key.equals("target_tokens") && !key.equals("weights")) {
                    throw new IllegalArgumentException("data[" + i + "].lossFnInputs has '" + key
                            + "'; forwardBackwardCustom takes only target_tokens (and optional weights)");
                }
            }
            TensorData targets = d.lossFnInputs().get("target_tokens");
            if (targets == null || d.lossFnInputs().containsKey("weights")) {
                out.add(d);
                continue;
            }
            Map<String, TensorData> inputs = new HashMap<>(d.lossFnInputs());
            inputs.put("weights", TensorData.ofFloats(new float[targets.size()], targets.shape()));
            out.add(new Datum(d.modelInput(), inputs));
        }
        return out;
    }
}
