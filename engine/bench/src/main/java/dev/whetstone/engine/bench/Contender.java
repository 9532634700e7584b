package dev.whetstone.engine.bench;

/** One side of the comparison, loaded once and driven step by step so the harness can alternate sides. */
public interface Contender extends AutoCloseable {

    /** {@code whetstone} or {@code torch}. */
    String name();

    /** Runs {@code steps} train steps (forward, backward, optimizer step); returns each step's seconds. */
    double[] train(int steps);

    /** The mean loss per token of the first step run (both contenders should agree: same model and data). */
    double firstLoss();

    /** Samples {@code numSequences} continuations of the prompt; returns the seconds it took. */
    double sample(int numSequences);

    /** Tensors alive in the contender's engine now, or -1 where it cannot tell. */
    default int liveTensors() {
        return -1;
    }

    /**
     * Runs one more train step and measures its memory (see {@link StepMemory}); the harness calls it after the
     * timed rounds, so it does not disturb them.
     */
    default StepMemory stepMemory() {
        train(1);
        return StepMemory.UNKNOWN;
    }

    /**
     * Runs one more train step under the library's profiler, writes a Chrome trace to {@code file} and says
     * what it timed (host ops, CUDA kernels).
     */
    String traceStep(java.nio.file.Path file);

    /** The contender's process memory now. */
    ProcessMemory memory();

    @Override
    void close();
}
