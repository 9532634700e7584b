package dev.whetstone.app.runs;

import dev.whetstone.engine.run.RunFileCodec;
import dev.whetstone.engine.run.RunJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of several runs side by side, from their {@code run.json} files, flattened to dotted keys
 * ({@code adam.learningRate}); rows whose values differ come first.
 *
 * <p>Example: {@code ConfigDiff.of(List.of(dirA, dirB)).rows()}
 */
public record ConfigDiff(List<String> runs, List<Row> rows) {
    /** One setting: its key, its value in each run ("" when absent), and whether they differ. */
    public record Row(String key, List<String> values, boolean differs) {
    }

    /** Reads and compares the runs in {@code dirs}. */
    public static ConfigDiff of(List<Path> dirs) {
        List<Map<String, String>> flat = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        for (Path dir : dirs) {
            Map<String, String> values = RunFileCodec.settings(RunJournal.readConfig(dir));
            values.keySet().forEach(k -> keys.put(k, true));
            flat.add(values);
        }
        List<Row> rows = new ArrayList<>();
        for (String key : keys.keySet()) {
            List<String> values = flat.stream().map(m -> m.getOrDefault(key, "")).toList();
            rows.add(new Row(key, values, values.stream().distinct().count() > 1));
        }
        rows.sort((a, b) -> Boolean.compare(b.differs(), a.differs()));
        return new ConfigDiff(dirs.stream().map(d -> d.getFileName().toString()).toList(), rows);
    }
}
