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
 * call runs inside the caller's NDScope; what it keeps across steps it frees on close.
 */
interface StepForward extends AutoCloseable {

    /** Final-normed hidden states [1, P, D] of the prompt, shared by every sequence. */
    NDArray prefill(int[] prompt);

    /** Final-normed hidden rows [B, D] after appending {@code tokens} (one per sequence). */
    NDArray step(int[] tokens);

    /** Decoder forward passes run so far. */
    int forwards();

    @Override
    void close();

    static StepForward open(Decoding decoding, Decoder decoder, AdapterHook adapter, NDManager manager, SampleRequest request) {
        return decoding == Decoding.KV_CACHE ? new Cached(decoder, adapter, manager, request)
                : new Recomputing(decoder, adapter, manager, request.numSamples());
    }

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

    /** The reference path: every step re-runs the training forward on the whole of every sequence. */
    final class Recomputing implements StepForward {
        private final Decoder decoder;
        private final AdapterHook adapter;
        private final NDManager manager;
        private final long[][] sequences;
        private int forwards;

        Recomputing(Decoder decoder, AdapterHook adapter, NDManager manager, int batch) {
            this.decoder = decoder;
            this.adapter = adapter;
            this.manager = manager;
            this.sequences = new long[batch][];
        }

        @Override
        public NDArray prefill(int[] prompt) {
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = toLongs(prompt);
            }
            forwards++;
            return decoder.hidden(HostArrays.longs(manager, sequences[0], new Shape(1, prompt.length)), adapter);
        }

        @Override
        public NDArray step(int[] tokens) {
            int length = sequences[0].length + 1;
            long[] flat = new long[sequences.length * length];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = java.util.Arrays.copyOf(sequences[i], length);
                sequences[i][length - 1] = tokens[i];
                System.arraycopy(sequences[i], 0, flat, i * length, length);
            }
            NDArray ids = HostArrays.longs(manager, flat, new Shape(sequences.length, length));         // [B, L]
            forwards++;
            return decoder.hidden(ids, adapter).get(new ai.djl.ndarray.index.NDIndex(":, -1, :"));     // [B, D]
        }

        @Override
        public int forwards() {
            return forwards;
        }

        @Override
        public void close() {
            // nothing outlives a step
        }
    }

    private static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
