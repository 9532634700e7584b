package dev.whetstone.engine.local.tensor;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count lowered for a stretch of small ops, and restored on close.
 *
 * <p>Decoding a few sequences runs hundreds of tiny ops per token whose matmuls are matrix-vector
 * products that libtorch runs on one thread anyway; a second OpenMP thread only spins between
 * parallel regions, on a core the JIT and the collector need. Measured on the S model at 2 cores
 * (BENCHMARKS.md): one thread decoded 1 sequence ~10% and 8 sequences ~25% faster than two.
 *
 * <p>The setting is libtorch's process-wide one: call on the model's device thread, which runs every op
 * of that model in turn. {@code -Dwhetstone.decodeThreads=N} sets the count (0: leave it as configured).
 */
public final class IntraOpThreads implements AutoCloseable {
    /** Decoding with more rows than this keeps the configured count (larger matmuls use the threads). */
    public static final int MAX_DECODE_ROWS = 8;
    private final int restore;

    private IntraOpThreads(int restore) {
        this.restore = restore;
    }

    /** The thread count for decoding {@code rows} sequences, in force until close. */
    public static IntraOpThreads forDecoding(int rows) {
        int wanted = Integer.getInteger("whetstone.decodeThreads", 1);
        if (wanted <= 0 || rows > MAX_DECODE_ROWS) {
            return new IntraOpThreads(0);
        }
        int current = JniUtils.getNumThreads();
        if (current <= wanted) {
            return new IntraOpThreads(0);
        }
        JniUtils.setNumThreads(wanted);
        return new IntraOpThreads(current);
    }

    @Override
    public void close() {
        if (restore > 0) {
            JniUtils.setNumThreads(restore);
        }
    }
}
