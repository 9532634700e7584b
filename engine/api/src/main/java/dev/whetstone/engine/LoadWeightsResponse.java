package dev.whetstone.engine;

import java.util.Objects;

/**
 * The result of {@code loadState}: the path that was loaded and the model it was loaded onto.
 *
 * <p>{@code training.loadState("tinker://run-1/weights/step-100").join().modelId()}
 *
 * @param path    the checkpoint path or adapter folder that was loaded
 * @param modelId the id of the training model now holding those weights
 */
public record LoadWeightsResponse(String path, String modelId) {

    public LoadWeightsResponse {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modelId, "modelId");
    }
}
