package dev.whetstone.engine.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.lora.LoraSite;
import dev.whetstone.engine.lora.PeftAdapter;
import dev.whetstone.engine.lora.PeftAdapterReader;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.ModelFolderFiles;
import dev.whetstone.engine.model.SafetensorsWriter;
import dev.whetstone.engine.model.WeightFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges a LoRA adapter into its base model: {@code W' = W + scale·B·A} for every adapted projection,
 * written as a full Hugging Face folder (float32 safetensors, sharded past a size limit, with config and
 * tokenizer files) that this engine and {@code transformers} load as a base model. A tied head whose
 * LoRA is trained is untied ({@code lm_head.weight} written, {@code tie_word_embeddings: false}), since
 * the delta must not leak into the embedding.
 */
public final class AdapterMerger {
    static final long DEFAULT_SHARD_BYTES = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final long shardBytes;

    AdapterMerger(long shardBytes) {
        this.shardBytes = shardBytes;
    }

    /**
     * Merges the PEFT adapter in {@code adapterFolder} into the model in {@code baseFolder}, written to the new folder
     * {@code target}: {@code AdapterMerger.mergeInto(adapter, base, out)} (e.g. an adapter downloaded from a remote engine).
     */
    public static Path mergeInto(Path adapterFolder, Path baseFolder, Path target) {
        return new AdapterMerger(DEFAULT_SHARD_BYTES).merge(adapterFolder, baseFolder, target);
    }

    /** Writes the merged model into the new folder {@code target}. */
    Path merge(Path checkpoint, Path baseFolder, Path target) {
        ModelConfig config = ModelConfig.read(baseFolder.resolve("config.json"));
        PeftAdapter adapter = PeftAdapterReader.read(checkpoint, config);
        Map<String, LoraSite> sitesByWeight = new HashMap<>();
        for (LoraSite site : adapter.factors().keySet()) {
            sitesByWeight.put(weightName(site), site);
        }
        try (WeightFiles files = WeightFiles.open(baseFolder)) {
            boolean untie = !files.contains("lm_head.weight") && sitesByWeight.containsKey("lm_head.weight");
            AtomicDirectory.write(target, false, dir -> {
                writeWeights(dir, files, adapter, sitesByWeight, untie);
                ModelFolderFiles.copy(baseFolder, dir, untie);
            });
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new WorkbenchException(target + " already exists; merge into a new folder");
        } catch (IOException e) {
            throw new WorkbenchException("could not write the merged model to " + target + ": " + e.getMessage()
                    + "; check free disk space (a merged model takes 4 bytes per parameter)", e);
        }
    }

    private void writeWeights(Path dir, WeightFiles files, PeftAdapter adapter, Map<String, LoraSite> sitesByWeight,
                              boolean untie) throws IOException {
        List<String> names = new ArrayList<>(new TreeSet<>(files.names()));
        if (untie) {
            names.add("lm_head.weight");
        }
        Map<String, FloatTensor> shard = new TreeMap<>();   // tensors of the shard being filled
        long shardSize = 0;
        int shardCount = 0;
        Map<String, Integer> shardOf = new TreeMap<>();
        long totalBytes = 0;
        for (String name : names) {
            String source = untie && name.equals("lm_head.weight") ? "model.embed_tokens.weight" : name;
            long[] shape = files.info(source).shape();
            float[] values = FloatTensor.valuesOf(files.float32(source));
            LoraSite site = sitesByWeight.get(name);
            if (site != null) {
                PeftAdapter.Factors f = adapter.factors().get(site);
                addProduct(values, f.b(), f.a(), (float) adapter.scale());
            }
            long bytes = 4L * values.length;
            if (!shard.isEmpty() && shardSize + bytes > shardBytes) {
                writeShard(dir, shardCount++, shard);
                shard = new TreeMap<>();
                shardSize = 0;
            }
            shard.put(name, new FloatTensor(values, shape));
            shardOf.put(name, shardCount);
            shardSize += bytes;
            totalBytes += bytes;
        }
        writeShard(dir, shardCount++, shard);
        nameShards(dir, shardCount, shardOf, totalBytes);
    }

    private static void writeShard(Path dir, int index, Map<String, FloatTensor> tensors) {
        SafetensorsWriter.write(dir.resolve("shard-" + index + ".part"), tensors, Map.of("format", "pt"));
    }

    /** One shard becomes model.safetensors; several become model-0000i-of-0000n.safetensors with an index. */
    private static void nameShards(Path dir, int count, Map<String, Integer> shardOf, long totalBytes) throws IOException {
        if (count == 1) {
            Files.move(dir.resolve("shard-0.part"), dir.resolve("model.safetensors"));
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", totalBytes);
        ObjectNode map = index.putObject("weight_map");
        for (Map.Entry<String, Integer> e : shardOf.entrySet()) {
            map.put(e.getKey(), shardName(e.getValue(), count));
        }
        for (int i = 0; i < count; i++) {
            Files.move(dir.resolve("shard-" + i + ".part"), dir.resolve(shardName(i, count)));
        }
        JSON.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
    }

    private static String shardName(int index, int count) {
        return String.format("model-%05d-of-%05d.safetensors", index + 1, count);
    }

    /** {@code w [out, in] += scale · b [out, r] · a [r, in]}. */
    static void addProduct(float[] w, FloatTensor b, FloatTensor a, float scale) {
        int out = Math.toIntExact(b.shape()[0]);
        int rank = Math.toIntExact(b.shape()[1]);
        int in = Math.toIntExact(a.shape()[1]);
        float[] bv = b.data();
        float[] av = a.data();
        for (int o = 0; o < out; o++) {
            int row = o * in;
            for (int k = 0; k < rank; k++) {
                float coefficient = scale * bv[o * rank + k];
                int arow = k * in;
                for (int i = 0; i < in; i++) {
                    w[row + i] += coefficient * av[arow + i];
                }
            }
        }
    }

    static String weightName(LoraSite site) {
        return site.layer() < 0 ? "lm_head.weight"
                : "model.layers." + site.layer() + "." + site.projection().modulePath() + ".weight";
    }

}
