package dev.whetstone.engine.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleListener;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.sample.RecomputingForward;
import dev.whetstone.engine.local.sample.SampleRequest;
import dev.whetstone.engine.local.sample.StepForward;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** What tests run on a sampling client beyond the API, through its package-private seam. */
final class SamplerProbe {
    private SamplerProbe() {
    }

    /** {@code sample} decoded by recomputing the full forward at every step instead of the KV cache. */
    static CompletableFuture<SampleResponse> recomputed(LocalSamplingClient sampler, ModelInput prompt, int n,
                                                        SamplingParams params) {
        return sampler.decode(sampler.request(prompt, n, params, false, 0), null, RecomputingForward.OPENER);
    }

    /** NDArrays alive on the sampler's model, counted after every request queued before: a leak shows here. */
    static int liveTensors(LocalSamplingClient sampler) {
        BaseModel model = sampler.model();
        return model.thread().submit("counting tensors", () -> model.manager().getManagedArrays().size()).join();
    }

    /** The engine's KV-cache decoding, counting the decoder forward passes it runs. */
    static final class CountingForwards {
        private final AtomicInteger forwards = new AtomicInteger();

        /** {@code sampleStreaming}, with every decoder forward counted. */
        CompletableFuture<SampleResponse> sampleStreaming(LocalSamplingClient sampler, ModelInput prompt, int n,
                                                          SamplingParams params, SampleListener listener) {
            return sampler.decode(sampler.request(prompt, n, params, false, 0), listener, this::open);
        }

        /** {@code sample}, with every decoder forward counted. */
        CompletableFuture<SampleResponse> sample(LocalSamplingClient sampler, ModelInput prompt, int n, SamplingParams params) {
            return sampler.decode(sampler.request(prompt, n, params, false, 0), null, this::open);
        }

        int forwards() {
            return forwards.get();
        }

        private StepForward open(Decoder decoder, AdapterHook adapter, NDManager manager, SampleRequest request) {
            StepForward cached = StepForward.KV_CACHE.open(decoder, adapter, manager, request);
            return new StepForward() {
                @Override
                public NDArray prefill(int[] prompt) {
                    forwards.incrementAndGet();
                    return cached.prefill(prompt);
                }

                @Override
                public NDArray step(int[] tokens) {
                    forwards.incrementAndGet();
                    return cached.step(tokens);
                }

                @Override
                public int forwards() {
                    return cached.forwards();
                }

                @Override
                public void close() {
                    cached.close();
                }
            };
        }
    }
}
