package dev.whetstone.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.LoraConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code checkpoint.json} in a checkpoint folder says: which run and model it belongs to, its LoRA
 * configuration, the optimizer step, and when it expires.
 *
 * @param path      its {@code tinker://} path
 * @param created   when it became complete
 * @param expiresAt when it may be swept, or null for never
 * @param step      optimizer steps applied when it was saved
 * @param baseModel the base model as the run named it (repo id or folder)
 * @param baseModelPath the folder the base model was loaded from
 * @param lora      the adapter's configuration (rank, alpha, seed, what it trains); null for full fine-tuning,
 *                  whose checkpoints are whole model folders
 */
public record CheckpointRecord(TinkerPath path, Instant created, Instant expiresAt, long step, String baseModel,
                               String baseModelPath, LoraConfig lora) {
    static final String FILE = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CheckpointRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(baseModelPath, "baseModelPath");
    }

    /** This record with another expiry (null = never). */
    public CheckpointRecord withExpiresAt(Instant expiry) {
        return new CheckpointRecord(path, created, expiry, step, baseModel, baseModelPath, lora);
    }

    /** Whether it has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    byte[] toJson() throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("tinker_path", path.toString());
        node.put("checkpoint_id", path.checkpointId());
        node.put("checkpoint_type", path.kind() == TinkerPath.Kind.WEIGHTS ? "training" : "sampler");
        node.put("run_id", path.runId());
        node.put("created", created.toString());
        if (expiresAt == null) {
            node.putNull("expires_at");
        } else {
            node.put("expires_at", expiresAt.toString());
        }
        node.put("step", step);
        node.put("base_model", baseModel);
        node.put("base_model_path", baseModelPath);
        node.put("method", lora == null ? "full" : "lora");
        if (lora == null) {
            node.putNull("lora");
            return JSON.writeValueAsBytes(node);
        }
        ObjectNode l = node.putObject("lora");
        l.put("rank", lora.rank());
        l.put("alpha", lora.alpha());
        if (lora.seed() == null) {
            l.putNull("seed");
        } else {
            l.put("seed", lora.seed());
        }
        l.put("train_attn", lora.trainAttn());
        l.put("train_mlp", lora.trainMlp());
        l.put("train_unembed", lora.trainUnembed());
        return JSON.writeValueAsBytes(node);
    }

    /** Reads {@code <dir>/checkpoint.json}; a missing or garbled file is a CheckpointNotFoundException naming it. */
    static CheckpointRecord read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            JsonNode n = JSON.readTree(file.toFile());
            JsonNode l = n.get("lora");
            LoraConfig lora = l == null || l.isNull() ? null : new LoraConfig(l.get("rank").asInt(), l.get("alpha").asDouble(),
                    l.hasNonNull("seed") ? l.get("seed").asLong() : null,
                    l.get("train_attn").asBoolean(), l.get("train_mlp").asBoolean(), l.get("train_unembed").asBoolean());
            return new CheckpointRecord(TinkerPath.parse(n.get("tinker_path").asText()),
                    Instant.parse(n.get("created").asText()),
                    n.hasNonNull("expires_at") ? Instant.parse(n.get("expires_at").asText()) : null,
                    n.get("step").asLong(), n.get("base_model").asText(), n.get("base_model_path").asText(), lora);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointNotFoundException(file + " is missing or unreadable (" + e.getMessage()
                    + "); the checkpoint is damaged: delete it and use another");
        }
    }
}
