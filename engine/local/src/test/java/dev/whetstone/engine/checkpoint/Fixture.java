package dev.whetstone.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A golden tiny model (see golden/README.md) with its adapter and its (N,)-target datums. */
record Fixture(Path dir) {
    static Fixture load(String name) {
        return new Fixture(Path.of("src/test/resources/golden").resolve(name).toAbsolutePath());
    }

    String model() {
        return dir.resolve("model").toString();
    }

    String adapter() {
        return dir.resolve("adapter").toString();
    }

    List<Datum> datums() {
        try {
            JsonNode data = new ObjectMapper().readTree(dir.resolve("data.json").toFile());
            List<Datum> datums = new ArrayList<>();
            for (JsonNode d : data.get("datums")) {
                if (d.get("target_tokens").get(0).isArray()) {
                    continue;
                }
                int n = d.get("input").size();
                int[] input = new int[n];
                long[] targets = new long[n];
                float[] weights = new float[n];
                for (int i = 0; i < n; i++) {
                    input[i] = d.get("input").get(i).asInt();
                    targets[i] = d.get("target_tokens").get(i).asLong();
                    weights[i] = (float) d.get("weights").get(i).asDouble();
                }
                datums.add(new Datum(ModelInput.fromInts(input),
                        Map.of("target_tokens", TensorData.ofLongs(targets), "weights", TensorData.ofFloats(weights))));
            }
            return datums;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
