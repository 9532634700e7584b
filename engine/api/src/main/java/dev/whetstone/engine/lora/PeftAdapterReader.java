package dev.whetstone.engine.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.ModelFormatException;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.Projection;
import dev.whetstone.engine.model.SafetensorsFile;
import dev.whetstone.engine.model.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEFT LoRA adapter folder ({@code adapter_config.json} + {@code adapter_model.safetensors})
 * and checks it against the base model it is loaded onto.
 */
public final class PeftAdapterReader {
    static final String CONFIG_FILE = "adapter_config.json";
    static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final Pattern KEY = Pattern.compile(
            "base_model\\.model\\.(?:model\\.layers\\.(\\d+)\\.(self_attn|mlp)\\.(\\w+)|lm_head)\\.lora_([AB])(?:\\.default)?\\.weight");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeftAdapterReader() {
    }

    /** Whether {@code folder} looks like a PEFT adapter folder. */
    public static boolean isAdapterFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(CONFIG_FILE)) && Files.isRegularFile(folder.resolve(WEIGHTS_FILE));
    }

    /** Reads {@code folder} for a model of {@code config}; every problem names the file and the fix. */
    public static PeftAdapter read(Path folder, ModelConfig config) {
        Path configFile = folder.resolve(CONFIG_FILE);
        Path weightsFile = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(weightsFile)) {
            throw new ModelFormatException(folder + " is not a PEFT adapter folder: it needs " + CONFIG_FILE
                    + " and " + WEIGHTS_FILE + " (as written by PEFT's save_pretrained or Whetstone's saveWeightsForSampler)");
        }
        JsonNode json = readJson(configFile);
        String peftType = json.path("peft_type").asText("LORA");
        if (!"LORA".equals(peftType)) {
            throw new ModelFormatException(configFile + ": field 'peft_type' = '" + peftType + "' is not supported; only LORA adapters load");
        }
        if (json.path("use_dora").asBoolean(false)) {
            throw new ModelFormatException(configFile + ": field 'use_dora' = true: DoRA adapters are not supported; train a plain LoRA adapter");
        }
        if (json.path("fan_in_fan_out").asBoolean(false)) {
            throw new ModelFormatException(configFile + ": field 'fan_in_fan_out' = true is for GPT-2 style Conv1D layers; this model uses nn.Linear");
        }
        int rank = json.path("r").asInt(0);
        if (rank <= 0) {
            throw new ModelFormatException(configFile + ": field 'r' = " + json.path("r") + " must be a positive integer");
        }
        double alpha = json.path("lora_alpha").asDouble(Double.NaN);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new ModelFormatException(configFile + ": field 'lora_alpha' = " + json.path("lora_alpha") + " must be a positive number");
        }
        double scale = json.path("use_rslora").asBoolean(false) ? alpha / Math.sqrt(rank) : alpha / rank;
        String baseModel = json.hasNonNull("base_model_name_or_path") ? json.get("base_model_name_or_path").asText() : null;
        return new PeftAdapter(rank, alpha, scale, baseModel, readFactors(weightsFile, config, rank));
    }

    private static Map<LoraSite, PeftAdapter.Factors> readFactors(Path file, ModelConfig config, int rank) {
        Map<LoraSite, FloatTensor> as = new HashMap<>();
        Map<LoraSite, FloatTensor> bs = new HashMap<>();
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            for (TensorInfo info : tensors.tensors().values()) {
                Matcher m = KEY.matcher(info.name());
                if (!m.matches()) {
                    throw new ModelFormatException(file + ": tensor '" + info.name() + "' is not a LoRA factor of a supported "
                            + "module (q/k/v/o/gate/up/down_proj or lm_head); adapters on embeddings or DoRA magnitudes are not supported");
                }
                LoraSite site = site(file, m, config);
                boolean isA = "A".equals(m.group(4));
                long in = site.projection().inFeatures(config);
                long out = site.projection().outFeatures(config);
                long[] expected = isA ? new long[] {rank, in} : new long[] {out, rank};
                if (!Arrays.equals(info.shape(), expected)) {
                    throw new ModelFormatException(file + ": tensor '" + info.name() + "' has shape " + Arrays.toString(info.shape())
                            + " but r = " + rank + " on this base model needs " + Arrays.toString(expected)
                            + "; the adapter was trained on a different base model");
                }
                (isA ? as : bs).put(site, new FloatTensor(FloatTensor.valuesOf(tensors.float32(info.name())), expected));
            }
        }
        Map<LoraSite, PeftAdapter.Factors> factors = new HashMap<>();
        for (Map.Entry<LoraSite, FloatTensor> a : as.entrySet()) {
            FloatTensor b = bs.get(a.getKey());
            if (b == null) {
                throw new ModelFormatException(file + ": '" + a.getKey().peftPrefix() + ".lora_A.weight' has no matching lora_B; the file is incomplete");
            }
            factors.put(a.getKey(), new PeftAdapter.Factors(a.getValue(), b));
        }
        for (LoraSite site : bs.keySet()) {
            if (!as.containsKey(site)) {
                throw new ModelFormatException(file + ": '" + site.peftPrefix() + ".lora_B.weight' has no matching lora_A; the file is incomplete");
            }
        }
        if (factors.isEmpty()) {
            throw new ModelFormatException(file + " holds no LoRA factors");
        }
        return factors;
    }

    private static LoraSite site(Path file, Matcher m, ModelConfig config) {
        if (m.group(1) == null) {
            return LoraSite.lmHead();
        }
        int layer = Integer.parseInt(m.group(1));
        if (layer >= config.numLayers()) {
            throw new ModelFormatException(file + ": tensor '" + m.group(0) + "' is for layer " + layer + " but the base model has "
                    + config.numLayers() + " layers; the adapter was trained on a different base model");
        }
        String module = m.group(2) + "." + m.group(3);
        for (Projection p : Projection.values()) {
            if (p.modulePath().equals(module)) {
                return new LoraSite(layer, p);
            }
        }
        throw new ModelFormatException(file + ": tensor '" + m.group(0) + "' adapts '" + module
                + "', which is not supported (q/k/v/o/gate/up/down_proj and lm_head are)");
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + " is not valid JSON (" + e.getMessage() + "); re-export the adapter", e);
        }
    }
}
