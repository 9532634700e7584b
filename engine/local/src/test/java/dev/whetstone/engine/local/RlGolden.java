package dev.whetstone.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.model.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One model's RL and custom-loss fixtures written by {@code engine/local/src/test/python/make_golden_rl.py}
 * (golden_rl/&lt;case&gt;/), on top of the model and initial adapter of golden/&lt;case&gt;/.
 */
record RlGolden(String name, Path dir, GoldenCase model, JsonNode data, JsonNode expected) {
    static final Path ROOT = Path.of("src/test/resources/golden_rl");
    static final List<String> CASES = List.of("qwen3_tied", "llama3_rope_scaling");
    static final List<String> SCENARIOS = List.of("importance_sampling", "ppo", "ppo_thresholds", "cispo",
            "cispo_thresholds", "dro");
    private static final ObjectMapper JSON = new ObjectMapper();

    static RlGolden load(String name) {
        Path dir = ROOT.resolve(name);
        try {
            return new RlGolden(name, dir, GoldenCase.load(name), JSON.readTree(dir.resolve("data.json").toFile()),
                    JSON.readTree(dir.resolve("expected.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One loss scenario: its loss, config, datums and expected values. */
    record Scenario(String name, LossFn lossFn, Map<String, Double> config, List<Datum> datums, JsonNode expected,
                    Path grads) {
        List<double[]> perDatum(String key) {
            List<double[]> out = new ArrayList<>();
            for (JsonNode d : expected.get(key)) {
                List<Double> values = new ArrayList<>();
                collect(d, values);
                out.add(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
            return out;
        }

        Map<String, FloatTensor> expectedGradients() {
            return GoldenCase.tensors(grads);
        }
    }

    Scenario scenario(String scenario) {
        JsonNode s = data.get("scenarios").get(scenario);
        Map<String, Double> config = new HashMap<>();
        s.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asDouble()));
        return new Scenario(scenario, LossFn.fromWireName(s.get("loss_fn").asText()), config, datums(s.get("datums")),
                expected.get("scenarios").get(scenario), dir.resolve("grads_" + scenario + ".safetensors"));
    }

    JsonNode dpo() {
        return data.get("dpo");
    }

    List<Datum> dpoDatums() {
        return datums(dpo().get("datums"));
    }

    Map<String, FloatTensor> dpoGradients() {
        return GoldenCase.tensors(dir.resolve("dpo_grads.safetensors"));
    }

    /** Datums with {@code target_tokens} and every float input present; a one-element float list is shape (1,). */
    static List<Datum> datums(JsonNode array) {
        List<Datum> datums = new ArrayList<>();
        for (JsonNode d : array) {
            int n = d.get("input").size();
            int[] input = new int[n];
            for (int i = 0; i < n; i++) {
                input[i] = d.get("input").get(i).asInt();
            }
            JsonNode targets = d.get("target_tokens");
            long[] shape = targets.get(0).isArray() ? new long[] {n, targets.get(0).size()} : new long[] {n};
            Map<String, TensorData> inputs = new HashMap<>();
            List<Double> ids = new ArrayList<>();
            collect(targets, ids);
            inputs.put("target_tokens", TensorData.ofLongs(ids.stream().mapToLong(Double::longValue).toArray(), shape));
            for (Iterator<String> keys = d.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.equals("input") || key.equals("target_tokens")) {
                    continue;
                }
                List<Double> values = new ArrayList<>();
                collect(d.get(key), values);
                double[] doubles = values.stream().mapToDouble(Double::doubleValue).toArray();
                inputs.put(key, TensorData.ofDoubles(doubles, doubles.length == 1 && n > 1 ? new long[] {1} : shape));
            }
            datums.add(new Datum(ModelInput.fromInts(input), inputs));
        }
        return datums;
    }

    private static void collect(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else {
            into.add(node.asDouble());
        }
    }
}
