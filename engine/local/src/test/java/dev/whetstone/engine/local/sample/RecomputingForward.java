package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.tensor.HostArrays;
import java.util.Arrays;

/**
 * The reference the KV cache is checked against: every step re-runs the training forward on the whole of
 * every sequence, with no cache. Quadratic; tests only.
 */
public final class RecomputingForward implements StepForward {
    /** Opens it for a request, as {@link StepForward#KV_CACHE} does. */
    public static final Opener OPENER = (decoder, adapter, manager, request) ->
            new RecomputingForward(decoder, adapter, manager, request.numSamples());

    private final Decoder decoder;
    private final AdapterHook adapter;
    private final NDManager manager;
    private final long[][] sequences;
    private int forwards;

    private RecomputingForward(Decoder decoder, AdapterHook adapter, NDManager manager, int batch) {
        this.decoder = decoder;
        this.adapter = adapter;
        this.manager = manager;
        this.sequences = new long[batch][];
    }

    @Override
    public NDArray prefill(int[] prompt) {
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = StepForward.toLongs(prompt);
        }
        forwards++;
        return decoder.hidden(HostArrays.longs(manager, sequences[0], new Shape(1, prompt.length)), adapter);   // [1, P, D]
    }

    @Override
    public NDArray step(int[] tokens) {
        int length = sequences[0].length + 1;
        long[] flat = new long[sequences.length * length];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = Arrays.copyOf(sequences[i], length);
            sequences[i][length - 1] = tokens[i];
            System.arraycopy(sequences[i], 0, flat, i * length, length);
        }
        NDArray ids = HostArrays.longs(manager, flat, new Shape(sequences.length, length));   // [B, L]
        forwards++;
        return decoder.hidden(ids, adapter).get(new NDIndex(":, -1, :"));                     // [B, D]
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
