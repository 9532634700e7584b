package dev.whetstone.engine.local.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.tensor.Autograd;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the decoder on a {@link TokenBatch} and a {@link TokenLoss} over the target logprobs, computing
 * the LM head, log-softmax and loss in chunks of rows so the [N, V] logits never exist at once
 * (151,936 columns for Qwen3).
 *
 * <p>With backward, the hidden rows are cut from the graph as a leaf: each chunk's loss backpropagates
 * into that leaf (and the head's adapter) and frees its logits; then the leaf's gradient flows through
 * the decoder in one pass. The result equals one backward of the summed loss.
 */
public final class ChunkedLoss {
    /**
     * Logit cells per chunk by default: 2M floats = 8 MiB of logits (256 rows of an 8k vocabulary). Each
     * chunk allocates several [c, V] buffers (logits, log-softmax, their gradients); at this size they stay
     * below glibc's mmap threshold ({@code NativeHeap}) and largely in cache. 16M cells (64 MiB buffers, one
     * chunk for the S model) made the S train step 2-3× slower (BENCHMARKS.md, "Profile of the train step").
     */
    public static final long DEFAULT_CHUNK_CELLS = 2L * 1024 * 1024;
    /** Rows per chunk at least by default: fewer would stream the head's weight from memory once per few rows. */
    public static final long MIN_DEFAULT_ROWS = 64;
    static final String MASK = "__mask";

    private final Decoder decoder;
    private final NDManager manager;
    private final ScalarConstants constants;
    private final long chunkCells;
    private final boolean refuseOverflow;

    /**
     * A pass computing at most {@code chunkCells} logits at once; {@code refuseOverflow} (frozen matrices in
     * float16) turns a non-finite loss into {@link Float16OverflowException} before the decoder's backward.
     */
    public ChunkedLoss(Decoder decoder, NDManager manager, ScalarConstants constants, long chunkCells,
                       boolean refuseOverflow) {
        if (chunkCells < 1) {
            throw new IllegalArgumentException("chunkCells must be >= 1, was " + chunkCells);
        }
        this.decoder = decoder;
        this.manager = manager;
        this.constants = constants;
        this.chunkCells = chunkCells;
        this.refuseOverflow = refuseOverflow;
    }

    /** The default cap for a vocabulary of {@code vocab}: {@link #DEFAULT_CHUNK_CELLS}, but at least {@link #MIN_DEFAULT_ROWS} rows. */
    public static long defaultChunkCells(long vocab) {
        return Math.max(DEFAULT_CHUNK_CELLS, MIN_DEFAULT_ROWS * vocab);
    }

    /** What one pass produced, all in the batch's [N·K] layout. */
    public record Result(double lossSum, float[] logprobs, float[] elementwiseLoss) {
    }

    /**
     * Runs the pass; with {@code backward}, gradients accumulate on the adapter's parameters. The chunks'
     * results stay on the device until the end (three reads per pass, not three per chunk: on a GPU every
     * read waits for the device).
     *
     * @throws Float16OverflowException with {@code refuseOverflow} (float16 matrices), when the loss is not
     *                                  finite: nothing is propagated through the decoder, and the caller
     *                                  discards the head's partial gradients
     */
    public Result run(TokenBatch batch, AdapterHook adapter, TokenLoss loss, Map<String, Double> config,
                      Iterable<String> floatKeys, boolean backward) {
        int n = batch.rows();
        int k = batch.width();
        long vocab = decoder.config().vocabSize();
        int chunkRows = (int) Math.max(1, Math.min(n, chunkCells / vocab));
        float[] mask = cellMask(batch);
        try (NDScope scope = new NDScope(); Autograd.Recording recording = backward ? Autograd.record() : null) {
            NDArray tokens = HostArrays.longs(manager, batch.tokens(), new Shape(batch.batchSize(), batch.maxLength()));
            NDArray hidden = decoder.hidden(tokens, adapter);                                    // [B, T, D]
            long d = hidden.getShape().get(2);
            NDArray rowIndex = HostArrays.longs(manager, batch.rowIndex(), new Shape(n));
            NDArray rows = hidden.reshape((long) batch.batchSize() * batch.maxLength(), d)
                    .get(new NDIndex("{}", rowIndex));                                           // [N, D]
            NDArray leaf = rows;
            if (backward) {
                leaf = rows.stopGradient();
                leaf.setRequiresGradient(true);
            }
            NDArray logprobs = manager.zeros(new Shape(n, k));                                   // [N, K]
            NDArray elementwise = manager.zeros(new Shape(n, k));                                // [N, K]
            int chunks = (n + chunkRows - 1) / chunkRows;
            NDArray totals = manager.zeros(new Shape(chunks));                                   // [chunks]
            for (int c = 0; c < chunks; c++) {
                int start = c * chunkRows;
                int end = Math.min(n, start + chunkRows);
                try (NDScope chunkScope = new NDScope()) {
                    NDIndex chunkRowsIndex = new NDIndex("{}:{}", start, end);
                    NDArray h = leaf.get(chunkRowsIndex);                                        // [c, D]
                    NDArray logp = decoder.logits(h, adapter).logSoftmax(-1)                       // [c, V]
                            .gather(slice(batch.targets(), start, end, k), 1);                      // [c, K]
                    Map<String, NDArray> inputs = new HashMap<>();
                    for (String key : floatKeys) {
                        inputs.put(key, floatSlice(batch.perToken(key), start, end, k));
                    }
                    NDArray cells = loss.elementwise(logp, inputs, config, constants)
                            .mul(floatSlice(mask, start, end, k));                                  // [c, K]
                    NDArray total = cells.sum();
                    if (backward) {
                        Autograd.backward(total);
                    }
                    logprobs.set(chunkRowsIndex, logp.stopGradient());
                    elementwise.set(chunkRowsIndex, cells.stopGradient());
                    totals.set(new NDIndex("{}:{}", c, c + 1), total.stopGradient().reshape(1));
                }
            }
            double lossSum = 0;
            for (float chunkTotal : totals.toFloatArray()) {
                lossSum += chunkTotal;
            }
            if (refuseOverflow && !Double.isFinite(lossSum)) {
                throw new Float16OverflowException("the loss came out " + lossSum + " with the frozen matrices in float16: "
                        + "an activation passed float16's ±65504 (or the weights are already broken); the pass's gradients "
                        + "were discarded and nothing was trained. Train this model on the CPU (device cpu), which keeps "
                        + "float32, or lower the learning rate if earlier steps diverged");
            }
            if (backward) {
                Autograd.backward(rows, leaf.getGradient());
            }
            return new Result(lossSum, logprobs.toFloatArray(), elementwise.toFloatArray());
        }
    }

    /** 1 for real (row, target) cells, 0 for the K-padding of narrower datums. */
    private static float[] cellMask(TokenBatch batch) {
        int k = batch.width();
        float[] mask = new float[batch.rows() * k];
        for (TokenBatch.DatumSlice s : batch.slices()) {
            for (int p = 0; p < s.length(); p++) {
                Arrays.fill(mask, (s.rowOffset() + p) * k, (s.rowOffset() + p) * k + s.width(), 1f);
            }
        }
        return mask;
    }

    private NDArray slice(long[] values, int start, int end, int k) {
        return HostArrays.longs(manager, Arrays.copyOfRange(values, start * k, end * k), new Shape(end - start, k));
    }

    private NDArray floatSlice(float[] values, int start, int end, int k) {
        return HostArrays.floats(manager, Arrays.copyOfRange(values, start * k, end * k), new Shape(end - start, k));
    }
}
