package dev.whetstone.engine.local.loss;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.TensorData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code forward}/{@code forwardBackward} request at call time, before anything is queued:
 * every problem is an {@link IllegalArgumentException} naming the datum, the field, the value and the
 * allowed range.
 */
public final class BatchValidator {
    private static final String LOW = "clip_low_threshold";
    private static final String HIGH = "clip_high_threshold";
    private final int vocabSize;
    private final int maxLength;

    /** Validates against a model with {@code vocabSize} tokens and a context of {@code maxLength}. */
    public BatchValidator(int vocabSize, int maxLength) {
        this.vocabSize = vocabSize;
        this.maxLength = maxLength;
    }

    /** Checks {@code data} for {@code lossFn}; returns the loss config with defaults filled in. */
    public Map<String, Double> validate(List<Datum> data, LossFn lossFn, Map<String, Double> config) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data must hold at least one Datum, was " + (data == null ? "null" : "empty"));
        }
        if (lossFn == null) {
            throw new IllegalArgumentException("lossFn must not be null; use one of " + Arrays.toString(LossFn.values()));
        }
        LossSpec spec = LossSpec.of(lossFn);
        Map<String, Double> resolved = resolveConfig(lossFn, spec, config == null ? Map.of() : config);
        for (int i = 0; i < data.size(); i++) {
            validateDatum(i, data.get(i), lossFn, spec, resolved);
        }
        return resolved;
    }

    private Map<String, Double> resolveConfig(LossFn lossFn, LossSpec spec, Map<String, Double> config) {
        Map<String, Double> resolved = new HashMap<>(spec.configDefaults());
        for (Map.Entry<String, Double> e : config.entrySet()) {
            if (!spec.configDefaults().containsKey(e.getKey())) {
                throw new IllegalArgumentException("lossFnConfig key '" + e.getKey() + "' is not used by " + lossFn.wireName()
                        + "; allowed keys: " + (spec.configDefaults().isEmpty() ? "none" : spec.configDefaults().keySet()));
            }
            Double value = e.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("lossFnConfig '" + e.getKey() + "' must be a finite number, was " + value);
            }
            resolved.put(e.getKey(), value);
        }
        for (Map.Entry<String, Double> e : resolved.entrySet()) {
            if (e.getValue().isNaN()) {
                throw new IllegalArgumentException(lossFn.wireName() + " needs lossFnConfig '" + e.getKey() + "' (e.g. Map.of(\""
                        + e.getKey() + "\", 0.05))");
            }
        }
        if (resolved.containsKey("beta") && resolved.get("beta") <= 0) {
            throw new IllegalArgumentException("lossFnConfig 'beta' must be > 0, was " + resolved.get("beta"));
        }
        if (spec.clipsRatio() && resolved.get(LOW) > resolved.get(HIGH)) {
            throw new IllegalArgumentException("lossFnConfig '" + LOW + "' (" + resolved.get(LOW) + ") must be <= '" + HIGH
                    + "' (" + resolved.get(HIGH) + "); they are bounds on the ratio exp(logp - q), e.g. 0.8 and 1.2");
        }
        return Map.copyOf(resolved);
    }

    private void validateDatum(int i, Datum datum, LossFn lossFn, LossSpec spec, Map<String, Double> config) {
        String where = "data[" + i + "]";
        if (datum == null) {
            throw new IllegalArgumentException(where + " is null");
        }
        int[] ids = datum.modelInput().toInts();
        int n = ids.length;
        if (n == 0) {
            throw new IllegalArgumentException(where + ".modelInput is empty; every datum needs at least one token");
        }
        if (n > maxLength) {
            throw new IllegalArgumentException(where + ".modelInput has " + n + " tokens but the model's context is "
                    + maxLength + "; shorten or split the sequence");
        }
        for (int p = 0; p < n; p++) {
            if (ids[p] >= vocabSize) {
                throw new IllegalArgumentException(where + ".modelInput token " + p + " = " + ids[p]
                        + " is out of range [0, " + vocabSize + "); was it tokenized for another model?");
            }
        }
        for (String key : datum.lossFnInputs().keySet()) {
            if (!spec.allowedInputs().contains(key)) {
                throw new IllegalArgumentException(where + ".lossFnInputs has '" + key + "', which " + lossFn.wireName()
                        + " does not use; allowed: " + spec.allowedInputs());
            }
        }
        TensorData targets = datum.lossFnInputs().get("target_tokens");
        if (targets == null) {
            throw new IllegalArgumentException(where + ".lossFnInputs needs 'target_tokens' (INT64, shape (" + n + ",))");
        }
        checkShape(where + ".target_tokens", targets, n, lossFn, spec.multiTarget());
        if (targets.dtype() != TensorData.DType.INT64) {
            throw new IllegalArgumentException(where + ".target_tokens must be INT64, was " + targets.dtype());
        }
        long[] values = targets.longs();
        for (int c = 0; c < values.length; c++) {
            if (values[c] < 0 || values[c] >= vocabSize) {
                throw new IllegalArgumentException(where + ".target_tokens[" + c + "] = " + values[c]
                        + " is out of range [0, " + vocabSize + ")");
            }
        }
        for (String key : spec.floatInputs()) {
            TensorData input = datum.lossFnInputs().get(key);
            if (input == null) {
                if (spec.optionalInputs().contains(key)) {
                    continue;
                }
                throw new IllegalArgumentException(where + ".lossFnInputs needs '" + key + "' (FLOAT32, shape "
                        + Arrays.toString(targets.shape()) + ") for " + lossFn.wireName());
            }
            if (input.dtype() != TensorData.DType.FLOAT32) {
                throw new IllegalArgumentException(where + "." + key + " must be FLOAT32, was " + input.dtype());
            }
            boolean perDatum = spec.perDatumInputs().contains(key) && input.rank() == 1 && input.dim(0) == 1;
            if (!perDatum && !Arrays.equals(input.shape(), targets.shape())) {
                throw new IllegalArgumentException(where + "." + key + " has shape " + Arrays.toString(input.shape())
                        + " but target_tokens has " + Arrays.toString(targets.shape()) + "; they must match"
                        + (spec.perDatumInputs().contains(key) ? " (or be [1] for one value per datum)" : ""));
            }
            float[] floats = input.floats();
            for (int c = 0; c < floats.length; c++) {
                if (!Float.isFinite(floats[c])) {
                    throw new IllegalArgumentException(where + "." + key + "[" + c + "] = " + floats[c] + " must be finite");
                }
            }
        }
        if (spec.clipsRatio()) {
            checkThresholds(where, datum, n, config);
        }
    }

    /** Each cell's resolved ratio bounds (tensor, else config) must satisfy low <= high. */
    private static void checkThresholds(String where, Datum datum, int n, Map<String, Double> config) {
        float[] low = cellValues(datum.lossFnInputs().get(LOW), n, config.get(LOW));
        float[] high = cellValues(datum.lossFnInputs().get(HIGH), n, config.get(HIGH));
        for (int c = 0; c < n; c++) {
            if (low[c] > high[c]) {
                throw new IllegalArgumentException(where + " position " + c + " has " + LOW + " " + low[c] + " > "
                        + HIGH + " " + high[c] + " (from " + (datum.input(LOW) != null ? "lossFnInputs" : "lossFnConfig")
                        + " and " + (datum.input(HIGH) != null ? "lossFnInputs" : "lossFnConfig") + "); low must be <= high");
            }
        }
    }

    private static float[] cellValues(TensorData tensor, int n, double fallback) {
        float[] out = new float[n];
        float[] values = tensor == null ? new float[] {(float) fallback} : tensor.floats();
        for (int c = 0; c < n; c++) {
            out[c] = values.length == 1 ? values[0] : values[c];
        }
        return out;
    }

    private static void checkShape(String what, TensorData tensor, int n, LossFn lossFn, boolean multiTarget) {
        long[] shape = tensor.shape();
        if (!multiTarget && shape.length == 2 && shape[0] == n) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + ", but " + lossFn.wireName()
                    + " takes one target per position, shape (" + n + ",); (N, K) targets are only for cross_entropy "
                    + "and importance_sampling");
        }
        boolean ok = (shape.length == 1 && shape[0] == n)
                || (multiTarget && shape.length == 2 && shape[0] == n && shape[1] >= 1);
        if (!ok) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + " but the input has " + n
                    + " tokens; it must be (" + n + ",)" + (multiTarget ? " or (" + n + ", K)" : ""));
        }
    }
}
