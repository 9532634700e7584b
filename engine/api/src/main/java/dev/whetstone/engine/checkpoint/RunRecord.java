package dev.whetstone.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.LoraConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code runs/<run-id>/training_run.json}: what a training client was created on, written when it is
 * created, so a run folder explains itself and the checkpoint store can list runs.
 *
 * @param runId            the run id
 * @param baseModel        the base model as given (repo id or folder)
 * @param baseModelPath    the folder it was loaded from
 * @param lora             the adapter configuration (seed as actually used); null for full fine-tuning
 * @param created          when the client was created
 * @param sourceCheckpoint the checkpoint it was created from, or null
 */
public record RunRecord(String runId, String baseModel, String baseModelPath, LoraConfig lora, Instant created,
                        String sourceCheckpoint) {
    static final String FILE = "training_run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunRecord {
        TinkerPath.requireValidName("run id", runId);
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(baseModelPath, "baseModelPath");
        Objects.requireNonNull(created, "created");
    }

    /** Writes {@code <runDir>/training_run.json} atomically. */
    void write(Path runDir) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("run_id", runId);
        node.put("base_model", baseModel);
        node.put("base_model_path", baseModelPath);
        node.put("is_lora", lora != null);
        if (lora != null) {
            node.put("lora_rank", lora.rank());
            node.put("lora_alpha", lora.alpha());
            if (lora.seed() == null) {
                node.putNull("lora_seed");
            } else {
                node.put("lora_seed", lora.seed());
            }
            node.put("train_attn", lora.trainAttn());
            node.put("train_mlp", lora.trainMlp());
            node.put("train_unembed", lora.trainUnembed());
        }
        node.put("created", created.toString());
        node.put("source_checkpoint", sourceCheckpoint);
        Files.createDirectories(runDir);
        AtomicDirectory.replaceFile(runDir.resolve(FILE), JSON.writeValueAsBytes(node));
    }

    /** Reads a run folder's record, or null when it has none (not a training run folder). */
    static RunRecord read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            LoraConfig lora = !n.path("is_lora").asBoolean(true) ? null : new LoraConfig(n.get("lora_rank").asInt(), n.get("lora_alpha").asDouble(),
                    n.hasNonNull("lora_seed") ? n.get("lora_seed").asLong() : null, n.get("train_attn").asBoolean(),
                    n.get("train_mlp").asBoolean(), n.get("train_unembed").asBoolean());
            return new RunRecord(n.get("run_id").asText(), n.get("base_model").asText(), n.get("base_model_path").asText(),
                    lora, Instant.parse(n.get("created").asText()),
                    n.hasNonNull("source_checkpoint") ? n.get("source_checkpoint").asText() : null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
