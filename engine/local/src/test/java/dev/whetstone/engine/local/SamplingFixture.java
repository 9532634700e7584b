package dev.whetstone.engine.local;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service on the golden {@code qwen3_tied} model (V = 128, context 128) with its PEFT adapter, for
 * the sampling tests: samplers from a training client, and helpers to compare sequences.
 */
final class SamplingFixture implements AutoCloseable {
    static final ModelInput PROMPT = ModelInput.fromInts(33, 44, 92, 49, 15, 63, 78);

    final GoldenCase golden = GoldenCase.load("qwen3_tied");
    final ServiceClient service;
    private final List<AutoCloseable> owned = new ArrayList<>();

    SamplingFixture(Path home) {
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    /** A training client holding the golden adapter. */
    LocalTrainingClient training() {
        var client = (LocalTrainingClient) service.createLoraTrainingClient(golden.model().toString(),
                LoraConfig.ofRank(4).withSeed(7L));
        client.loadState(golden.adapter().toString()).join();
        owned.add(client);
        return client;
    }

    /** A sampler on the golden adapter (a snapshot of a training client that loaded it). */
    LocalSamplingClient sampler() {
        var sampler = (LocalSamplingClient) training().saveWeightsAndGetSamplingClient().join();
        owned.add(sampler);
        return sampler;
    }

    int vocabSize() {
        return golden.vocabSize();
    }

    /** {@code prompt} followed by {@code sequence}'s tokens. */
    static ModelInput continued(ModelInput prompt, SampledSequence sequence) {
        return prompt.append(ModelInput.fromInts(sequence.tokens()));
    }

    /** The values as a primitive array, for AssertJ's offset comparisons. */
    static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
        service.close();
    }
}
