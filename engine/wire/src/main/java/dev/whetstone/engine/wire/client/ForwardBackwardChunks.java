package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One forward/backward call split into requests of at most the server's chunk size, and their results joined as
 * the SDK joins them: outputs concatenated in order, metrics reduced by their suffix ({@code :sum} added,
 * {@code :mean} and {@code :slack} weighted by datums, {@code :min}/{@code :max} kept, others from the first chunk).
 */
final class ForwardBackwardChunks {
    private ForwardBackwardChunks() {
    }

    static <T> List<List<T>> split(List<T> data, int maxPerChunk) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < data.size(); start += maxPerChunk) {
            chunks.add(data.subList(start, Math.min(data.size(), start + maxPerChunk)));
        }
        return chunks;
    }

    static ForwardBackwardOutput join(List<ForwardBackwardOutput> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Map<String, TensorData>> outputs = new ArrayList<>();
        Map<String, Double> metrics = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        for (ForwardBackwardOutput part : parts) {
            outputs.addAll(part.lossFnOutputs());
            double n = part.lossFnOutputs().size();
            part.metrics().forEach((key, value) -> {
                String reduction = key.substring(key.indexOf(':') + 1);
                Double seen = metrics.get(key);
                switch (reduction) {
                    case "sum" -> metrics.merge(key, value, Double::sum);
                    case "mean", "slack" -> {
                        metrics.merge(key, value * n, Double::sum);
                        weights.merge(key, n, Double::sum);
                    }
                    case "min" -> metrics.put(key, seen == null ? value : Math.min(seen, value));
                    case "max" -> metrics.put(key, seen == null ? value : Math.max(seen, value));
                    default -> metrics.putIfAbsent(key, value);
                }
            });
        }
        weights.forEach((key, n) -> metrics.put(key, n == 0 ? 0.0 : metrics.get(key) / n));
        return new ForwardBackwardOutput(parts.get(0).lossFnOutputType(), outputs, metrics);
    }
}
