package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.whetstone.engine.model.FloatTensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What tests read off a training client beyond the API, through its package-private seam; in call order. */
final class TrainingProbe {
    private TrainingProbe() {
    }

    /** The accumulated gradients on the host under PEFT keys (zeros when no backward ran since the last step). */
    static CompletableFuture<Map<String, FloatTensor>> gradients(LocalTrainingClient client) {
        return client.inspect("reading gradients", (trainable, hasGradients) -> {
            Map<String, FloatTensor> grads = new HashMap<>();
            List<String> names = trainable.parameterNames();
            List<NDArray> params = trainable.parameters();
            try (NDScope scope = new NDScope()) {
                for (int i = 0; i < params.size(); i++) {
                    NDArray p = params.get(i);
                    NDArray g = hasGradients ? p.getGradient() : p.zerosLike();
                    grads.put(names.get(i), new FloatTensor(g.toFloatArray(), p.getShape().getShape()));
                }
            }
            return grads;
        });
    }

    /** The trained weights on the host under their names (PEFT keys for an adapter). */
    static CompletableFuture<Map<String, FloatTensor>> weights(LocalTrainingClient client) {
        return client.inspect("reading the trained weights", (trainable, hasGradients) -> trainable.toHost());
    }

    /** NDArrays alive on the client's model: a leak shows here. */
    static int liveTensors(LocalTrainingClient client) {
        return client.heldMemory().join().tensors();
    }
}
