package dev.whetstone.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The checkpoints under the engine home (Tinker's REST client checkpoint verbs):
 * {@code service.checkpoints().listCheckpoints(runId)}.
 */
public interface CheckpointStore {

    /** Every training run that has a folder under the engine home, newest first. */
    List<TrainingRun> listRuns();

    /** The complete checkpoints of one run, oldest first. */
    List<Checkpoint> listCheckpoints(String runId);

    /** Deletes the checkpoint at a {@code tinker://} path. */
    void delete(String path);

    /** Sets or (with {@code null}) removes the expiry of a checkpoint. */
    void setTtl(String path, Duration ttl);

    /** Writes the checkpoint's adapter as a PEFT folder. */
    CompletableFuture<Path> exportPeft(String path, Path targetDir);

    /** Writes a Tinker-style tar ({@code adapter_model.safetensors}, {@code adapter_config.json}, {@code checkpoint_complete}). */
    CompletableFuture<Path> exportTar(String path, Path targetFile);

    /** Merges the adapter into its base model and writes a full Hugging Face model folder. */
    CompletableFuture<Path> merge(String path, Path targetDir);
}
