package dev.whetstone.engine;

import java.util.Objects;

/**
 * The result of a save: the {@code tinker://} path of the new checkpoint, e.g.
 * {@code tinker://<run-id>/weights/<name>} or {@code tinker://<run-id>/sampler_weights/<name>}.
 *
 * <p>{@code String path = training.saveState("step-100").join().path();}
 *
 * @param path where the checkpoint can be loaded from
 */
public record SaveWeightsResponse(String path) {

    public SaveWeightsResponse {
        Objects.requireNonNull(path, "path");
    }
}
