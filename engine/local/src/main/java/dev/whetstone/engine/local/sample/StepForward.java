package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.model.KvCache;
import dev.whetstone.engine.local.tensor.HostArrays;

/**
 * Runs the decoder for a generation: the prompt once, then one new token per sequence per step. Every
 * call runs inside the caller's NDScope; what it keeps across steps it frees on close. The engine decodes
 * with {@link #KV_CACHE}; tests check it against a full recomputation of every step.
 */
public interface StepForward extends AutoCloseable {

    /** Opens the per-request state of a way to decode. */
    @FunctionalInterface
    interface Opener {
        StepForward open(Decoder decoder, AdapterHook adapter, NDManager manager, SampleRequest request);
    }

    /** The KV-cache path: a B-row cache filled by a 1-row prefill, then [B, 1] steps. */
    Opener KV_CACHE = Cached::new;

    /** Final-normed hidden states [1, P, D] of the prompt, shared by every sequence. */
    NDArray prefill(int[] prompt);

    /** Final-normed hidden rows [B, D] after appending {@code tokens} (one per sequence). */
    NDArray step(int[] tokens);

    /** Decoder forward passes run so far. */
    int forwards();

    @Override
    void close();

    /** The KV-cache path: a B-row cache filled by a 1-row prefill, then [B, 1] steps. */
    final class Cached implements StepForward {
        /** Cache positions allocated past the prompt before the first doubling. */
        private static final int INITIAL_MARGIN = 64;
        private final Decoder decoder;
        private final AdapterHook adapter;
        private final NDManager manager;
        private final KvCache cache;
        private int position;
        private int forwards;

        Cached(Decoder decoder, AdapterHook adapter, NDManager manager, SampleRequest request) {
            this.decoder = decoder;
            this.adapter = adapter;
            this.manager = manager;
            this.cache = new KvCache(manager, decoder.config(), request.numSamples(), request.cacheLength(),
                    request.prompt().length() + INITIAL_MARGIN);
        }

        @Override
        public NDArray prefill(int[] prompt) {
            NDArray tokens = HostArrays.longs(manager, toLongs(prompt), new Shape(1, prompt.length));   // [1, P]
            NDArray hidden = decoder.hidden(tokens, 0, cache, adapter);                                // [1, P, D]
            position = prompt.length;
            forwards++;
            return hidden;
        }

        @Override
        public NDArray step(int[] tokens) {
            NDArray ids = HostArrays.longs(manager, toLongs(tokens), new Shape(tokens.length, 1));      // [B, 1]
            NDArray hidden = decoder.hidden(ids, position, cache, adapter);                            // [B, 1, D]
            position++;
            forwards++;
            return hidden.reshape(tokens.length, hidden.getShape().get(2));                            // [B, D]
        }

        @Override
        public int forwards() {
            return forwards;
        }

        @Override
        public void close() {
            cache.close();
        }
    }

    /** Token ids as int64 values. */
    static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
