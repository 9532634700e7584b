package dev.whetstone.engine.lora;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.Projection;
import dev.whetstone.engine.model.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a LoRA adapter as a PEFT folder: {@code adapter_model.safetensors} (F32, PEFT key names) and an
 * {@code adapter_config.json} that PEFT's {@code PeftModel.from_pretrained} accepts.
 */
public final class PeftAdapterWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PeftAdapterWriter() {
    }

    /**
     * Writes {@code factors} (PEFT key → tensor, as {@link LoraAdapter#toHost()} gives them) into {@code dir}.
     *
     * @param baseModel what {@code base_model_name_or_path} should say (a repo id or folder)
     */
    public static void write(Path dir, Map<String, FloatTensor> factors, int rank, double alpha, String baseModel)
            throws IOException {
        SafetensorsWriter.write(dir.resolve(PeftAdapterReader.WEIGHTS_FILE), factors, Map.of("format", "pt"));
        ObjectNode config = JSON.createObjectNode();
        config.put("peft_type", "LORA");
        config.put("task_type", "CAUSAL_LM");
        config.put("base_model_name_or_path", baseModel);
        config.put("r", rank);
        config.put("lora_alpha", alpha);
        config.put("lora_dropout", 0.0);
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("use_rslora", false);
        config.put("use_dora", false);
        config.put("inference_mode", true);
        config.putNull("modules_to_save");
        var targets = config.putArray("target_modules");
        for (String module : targetModules(factors)) {
            targets.add(module);
        }
        JSON.writeValue(dir.resolve(PeftAdapterReader.CONFIG_FILE).toFile(), config);
    }

    /** The short module names ({@code q_proj}, {@code lm_head}) adapted in {@code factors}, sorted. */
    static TreeSet<String> targetModules(Map<String, FloatTensor> factors) {
        TreeSet<String> modules = new TreeSet<>();
        for (String key : factors.keySet()) {
            for (Projection p : Projection.values()) {
                if (key.contains("." + p.modulePath() + ".lora_")) {
                    modules.add(p.moduleName());
                }
            }
        }
        return modules;
    }
}
