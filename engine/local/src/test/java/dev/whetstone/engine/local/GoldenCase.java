package dev.whetstone.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.SafetensorsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case of the PyTorch golden fixtures written by {@code engine/local/src/test/python/make_golden.py}:
 * a tiny HF model folder, a PEFT adapter, data, and the expected values.
 */
record GoldenCase(String name, Path dir, JsonNode data, JsonNode expected) {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final List<String> NAMES = List.of("qwen3_tied", "qwen3_untied_bf16_sharded", "llama3_rope_scaling",
            "qwen2_bias", "mistral");
    private static final ObjectMapper JSON = new ObjectMapper();

    static GoldenCase load(String name) {
        return load(ROOT, name);
    }

    /** The case {@code name} under {@code root} (a copy of src/test/resources/golden, as on a GPU machine). */
    static GoldenCase load(Path root, String name) {
        Path dir = root.resolve(name);
        try {
            return new GoldenCase(name, dir, JSON.readTree(dir.resolve("data.json").toFile()),
                    JSON.readTree(dir.resolve("expected.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path model() {
        return dir.resolve("model");
    }

    Path adapter() {
        return dir.resolve("adapter");
    }

    int vocabSize() {
        try {
            return new ObjectMapper().readTree(model().resolve("config.json").toFile()).get("vocab_size").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int steps() {
        return data.get("steps").asInt();
    }

    AdamParams adam() {
        JsonNode a = data.get("adam");
        return new AdamParams(a.get("learning_rate").asDouble(), a.get("beta1").asDouble(), a.get("beta2").asDouble(),
                a.get("eps").asDouble(), a.get("weight_decay").asDouble(), a.get("grad_clip_norm").asDouble());
    }

    List<Datum> datums() {
        List<Datum> datums = new ArrayList<>();
        for (JsonNode d : data.get("datums")) {
            int[] input = ints(d.get("input"));
            JsonNode targets = d.get("target_tokens");
            boolean multi = targets.get(0).isArray();
            int k = multi ? targets.get(0).size() : 1;
            long[] shape = multi ? new long[] {input.length, k} : new long[] {input.length};
            datums.add(new Datum(ModelInput.fromInts(input), Map.of(
                    "target_tokens", TensorData.ofLongs(flatLongs(targets), shape),
                    "weights", TensorData.ofFloats(flatFloats(d.get("weights")), shape))));
        }
        return datums;
    }

    /** Expected per-datum values of {@code key} ("logprobs" or "elementwise_loss"), flattened. */
    List<double[]> perDatum(String key) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode d : expected.get(key)) {
            List<Double> exact = new ArrayList<>();
            collect(d, exact);
            out.add(exact.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    static Map<String, FloatTensor> tensors(Path file) {
        Map<String, FloatTensor> out = new TreeMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String name : f.tensors().keySet()) {
                out.put(name, new FloatTensor(FloatTensor.valuesOf(f.float32(name)), f.tensors().get(name).shape()));
            }
        }
        return out;
    }

    private static void collect(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else {
            into.add(node.asDouble());
        }
    }

    private static int[] ints(JsonNode node) {
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    private static long[] flatLongs(JsonNode node) {
        List<Double> values = new ArrayList<>();
        collect(node, values);
        return values.stream().mapToLong(Double::longValue).toArray();
    }

    private static float[] flatFloats(JsonNode node) {
        List<Double> values = new ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
