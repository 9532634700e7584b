package dev.whetstone.engine.run;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which examples make up each batch: every epoch is a fresh permutation drawn from {@code (seed, epoch)},
 * cut into batches (the last one of an epoch may be smaller). A step number alone locates a batch, so a
 * resumed run sees exactly the batches an uninterrupted one would.
 */
public final class DataOrder {
    private final long seed;
    private final int size;
    private final int batchSize;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    public DataOrder(long seed, int size, int batchSize) {
        if (size < 1) {
            throw new IllegalArgumentException("the dataset must hold at least one example, had " + size);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.seed = seed;
        this.size = size;
        this.batchSize = batchSize;
    }

    /** Batches per epoch. */
    public int stepsPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The epoch (0-based) of 0-based {@code step}. */
    public int epochOf(long step) {
        return Math.toIntExact(step / stepsPerEpoch());
    }

    /** Example indices of 0-based {@code step}'s batch. */
    public int[] batch(long step) {
        int epoch = epochOf(step);
        int k = (int) (step % stepsPerEpoch());
        int[] order = order(epoch);
        return Arrays.copyOfRange(order, k * batchSize, Math.min(size, (k + 1) * batchSize));
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
