package dev.whetstone.engine.server;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.wire.WireFormatException;
import dev.whetstone.engine.wire.json.TrainingMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Datums, model inputs and loss configs in the JSON form (SDKs before 0.25, and every sample request). */
final class JsonDatums {
    private JsonDatums() {
    }

    static Datum decode(TrainingMessages.DatumJson json, String where) {
        if (json == null || json.modelInput() == null) {
            throw new WireFormatException(where + " needs model_input");
        }
        Map<String, TensorData> inputs = new LinkedHashMap<>();
        if (json.lossFnInputs() != null) {
            json.lossFnInputs().forEach((key, t) -> inputs.put(key, tensor(t, where + ".loss_fn_inputs[\"" + key + "\"]")));
        }
        return new Datum(modelInput(json.modelInput(), where + ".model_input"), inputs);
    }

    /** The tokens of every chunk, joined; a chunk that is not encoded text is refused. */
    static ModelInput modelInput(TrainingMessages.ModelInputJson json, String where) {
        if (json == null || json.chunks() == null) {
            throw new WireFormatException(where + " needs chunks, e.g. {\"chunks\": [{\"tokens\": [1, 2], \"type\": \"encoded_text\"}]}");
        }
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < json.chunks().size(); i++) {
            TrainingMessages.ChunkJson chunk = json.chunks().get(i);
            String type = chunk.type() == null ? "encoded_text" : chunk.type();
            if (!type.equals("encoded_text") || chunk.tokens() == null) {
                throw new WireFormatException(where + ".chunks[" + i + "] is a '" + type + "' chunk; this engine runs text-only "
                        + "models: send encoded_text chunks with tokens");
            }
            tokens.addAll(chunk.tokens());
        }
        try {
            return ModelInput.fromInts(tokens);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + ": " + e.getMessage());
        }
    }

    static TensorData tensor(TrainingMessages.TensorJson json, String where) {
        if (json == null || json.data() == null || json.dtype() == null) {
            throw new WireFormatException(where + " needs data and dtype (\"int64\" or \"float32\")");
        }
        if (json.sparseCrowIndices() != null || json.sparseColIndices() != null) {
            throw new WireFormatException(where + " is sparse; send JSON tensors dense (or use the protobuf body)");
        }
        long[] shape = json.shape() == null ? new long[0] : json.shape().stream().mapToLong(Long::longValue).toArray();
        List<Double> data = json.data();
        try {
            switch (json.dtype()) {
                case "float32" -> {
                    float[] values = new float[data.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = data.get(i).floatValue();
                    }
                    return TensorData.ofFloats(values, shape);
                }
                case "int64" -> {
                    long[] values = new long[data.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = data.get(i).longValue();
                    }
                    return TensorData.ofLongs(values, shape);
                }
                default -> throw new WireFormatException(where + ".dtype must be \"int64\" or \"float32\", was \"" + json.dtype() + "\"");
            }
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + ": " + e.getMessage());
        }
    }

    /** A loss config whose values are numbers or numeric strings (newer SDKs send strings); anything else is refused. */
    static Map<String, Double> lossConfig(Map<String, Object> config) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (config == null) {
            return out;
        }
        config.forEach((key, value) -> {
            if (value instanceof Number n) {
                out.put(key, n.doubleValue());
            } else if (value instanceof String s) {
                try {
                    out.put(key, Double.parseDouble(s.strip()));
                } catch (NumberFormatException e) {
                    throw new WireFormatException("loss_fn_config[\"" + key + "\"] is \"" + s + "\", not a number; every value "
                            + "of loss_fn_config must be a number (e.g. clip_low_threshold 0.8)");
                }
            } else {
                throw new WireFormatException("loss_fn_config[\"" + key + "\"] must be a number, was " + value);
            }
        });
        return out;
    }
}
