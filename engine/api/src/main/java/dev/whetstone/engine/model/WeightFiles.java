package dev.whetstone.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The weights of a Hugging Face model folder, one or many safetensors files seen as one name → tensor
 * map. It uses {@code model.safetensors}; else {@code model.safetensors.index.json}, whose
 * {@code weight_map} names the shard of each tensor; else the folder's {@code *.safetensors} files.
 *
 * <p>Example: {@code try (var w = WeightFiles.open(dir)) { w.float32("model.norm.weight", 1024); }}
 */
public final class WeightFiles implements AutoCloseable {

    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private static final JsonMapper JSON = new JsonMapper();

    private final Path modelDir;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName;

    private WeightFiles(Path modelDir, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
        this.modelDir = modelDir;
        this.files = List.copyOf(files);
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Opens the weights of {@code modelDir} and checks every file's header.
     *
     * @throws ModelFormatException if there are none, a shard is missing, or a file is garbled
     */
    public static WeightFiles open(Path modelDir) {
        if (Files.isRegularFile(modelDir.resolve(SINGLE))) {
            return openAll(modelDir, List.of(modelDir.resolve(SINGLE)));
        }
        if (Files.isRegularFile(modelDir.resolve(INDEX))) {
            return openIndexed(modelDir, modelDir.resolve(INDEX));
        }
        List<Path> loose = looseFiles(modelDir);
        if (loose.isEmpty()) {
            throw new ModelFormatException(modelDir + " holds no weights: looked for " + SINGLE + ", " + INDEX
                    + " and any *.safetensors file; download the model's safetensors files into this folder"
                    + " (PyTorch .bin checkpoints are not supported)");
        }
        return openAll(modelDir, loose);
    }

    /** Every tensor name, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /** Whether there is a tensor called {@code name}. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws ModelFormatException if there is none
     */
    public TensorInfo info(String name) {
        SafetensorsFile file = byName.get(name);
        if (file == null) {
            throw new ModelFormatException("tensor '" + name + "' is not in " + searched()
                    + "; the weights do not match config.json (wrong or partial download?)");
        }
        return file.info(name);
    }

    /** The tensor as float32 (see {@link SafetensorsFile#float32}), shape unchecked. */
    public ByteBuffer float32(String name) {
        return fileOf(name).float32(name);
    }

    /**
     * The tensor as float32 (see {@link SafetensorsFile#float32}).
     *
     * @throws ModelFormatException if it is missing or its shape is not {@code expectedShape}
     */
    public ByteBuffer float32(String name, long... expectedShape) {
        checkShape(name, expectedShape);
        return fileOf(name).float32(name);
    }

    /** The tensor as float16 bits (see {@link SafetensorsFile#float16}), shape unchecked. */
    public ByteBuffer float16(String name) {
        return fileOf(name).float16(name);
    }

    /**
     * The tensor as float16 bits (see {@link SafetensorsFile#float16}).
     *
     * @throws ModelFormatException if it is missing or its shape is not {@code expectedShape}
     */
    public ByteBuffer float16(String name, long... expectedShape) {
        checkShape(name, expectedShape);
        return fileOf(name).float16(name);
    }

    /**
     * The tensor's 16-bit values as stored (see {@link SafetensorsFile#halfBits}).
     *
     * @throws ModelFormatException if it is missing, not F16/BF16, or its shape is not {@code expectedShape}
     */
    public ByteBuffer halfBits(String name, long... expectedShape) {
        checkShape(name, expectedShape);
        return fileOf(name).halfBits(name);
    }

    /** The safetensors files, in the order they were opened. */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::file).toList();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SafetensorsFile f : files) {
            try {
                f.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void checkShape(String name, long[] expectedShape) {
        TensorInfo info = info(name);
        if (!info.hasShape(expectedShape)) {
            throw new ModelFormatException(info.file() + ": tensor '" + name + "' has shape " + info.shapeString()
                    + " but config.json implies " + Arrays.toString(expectedShape)
                    + "; the weights do not belong to this config.json");
        }
    }

    private SafetensorsFile fileOf(String name) {
        info(name); // throws the missing-tensor message
        return byName.get(name);
    }

    private String searched() {
        return files.size() == 1 ? files.get(0).file().toString()
                : files.size() + " files in " + modelDir + " ("
                        + files.stream().map(f -> f.file().getFileName().toString()).collect(Collectors.joining(", "))
                        + ")";
    }

    private static WeightFiles openIndexed(Path modelDir, Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, Path> shards = new TreeMap<>();
        for (String shard : weightMap.values()) {
            Path path = modelDir.resolve(shard);
            if (!path.normalize().startsWith(modelDir.normalize()) || !Files.isRegularFile(path)) {
                throw new ModelFormatException(index + ": weight_map names shard '" + shard + "' but " + path
                        + " does not exist; the download is incomplete, download the model again");
            }
            shards.put(shard, path);
        }
        WeightFiles all = openAll(modelDir, List.copyOf(shards.values()));
        Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            Path shard = shards.get(e.getValue());
            SafetensorsFile file = all.files.stream().filter(f -> f.file().equals(shard)).findFirst().orElseThrow();
            if (!file.tensors().containsKey(e.getKey())) {
                all.close();
                throw new ModelFormatException(index + ": weight_map puts tensor '" + e.getKey() + "' in "
                        + e.getValue() + " but that file has no such tensor; download the model again");
            }
            byName.put(e.getKey(), file);
        }
        return new WeightFiles(modelDir, all.files, byName);
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(index + " is not valid JSON (" + e.getMessage()
                    + "); download the model again", e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new ModelFormatException(index + ": field 'weight_map' is missing or empty; expected an object"
                    + " mapping tensor names to shard files; download the model again");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(index + ": weight_map entry '" + e.getKey() + "' = " + e.getValue()
                        + " is not a file name; download the model again");
            }
            weightMap.put(e.getKey(), e.getValue().asText());
        }
        return weightMap;
    }

    private static WeightFiles openAll(Path modelDir, List<Path> paths) {
        List<SafetensorsFile> opened = new ArrayList<>();
        Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
        try {
            for (Path p : paths) {
                SafetensorsFile file = SafetensorsFile.open(p);
                opened.add(file);
                for (String name : file.tensors().keySet()) {
                    SafetensorsFile before = byName.putIfAbsent(name, file);
                    if (before != null) {
                        throw new ModelFormatException("tensor '" + name + "' is in both " + before.file() + " and "
                                + file.file() + "; remove the stray file from " + modelDir);
                    }
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(SafetensorsFile::close);
            throw e;
        }
        return new WeightFiles(modelDir, opened, byName);
    }

    private static List<Path> looseFiles(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException(modelDir + " is not a folder; pass the model folder that holds"
                    + " config.json and the safetensors files");
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ModelFormatException(modelDir + " cannot be listed (" + e + "); check its permissions", e);
        }
    }
}
