package dev.whetstone.engine.local.sample;

import java.util.SplittableRandom;

/**
 * The randomness of one request: an independent stream per sequence, split in order from the request's
 * seed, so sequence i of a seeded request is the same whatever {@code numSamples} is.
 */
final class SequenceRandom {
    private final SplittableRandom[] streams;

    SequenceRandom(long seed, int sequences) {
        SplittableRandom root = new SplittableRandom(seed);
        streams = new SplittableRandom[sequences];
        for (int i = 0; i < sequences; i++) {
            streams[i] = root.split();
        }
    }

    /** One uniform number in (0, 1] per sequence (never 0, so a draw cannot land on a zero-mass token). */
    double[] next() {
        double[] u = new double[streams.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = 1.0 - streams[i].nextDouble();
        }
        return u;
    }
}
