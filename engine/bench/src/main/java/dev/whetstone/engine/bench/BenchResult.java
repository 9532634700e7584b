package dev.whetstone.engine.bench;

import java.util.List;
import java.util.Map;

/**
 * What a benchmark run measured.
 *
 * @param settings    the run's settings
 * @param machine     CPU, cores and the load before the run
 * @param loadAfter   the load averages after the run
 * @param trainFlops  model FLOPs of one train step ({@link TrainFlops})
 * @param ceiling     the matmul ceiling
 * @param contenders  Whetstone first, then the PyTorch reference when it ran
 * @param soak        the memory soak, or null
 */
public record BenchResult(BenchSettings settings, Machine machine, String loadAfter, double trainFlops,
                          MatmulCeiling.Result ceiling, List<ContenderResult> contenders, Soak soak) {

    public BenchResult {
        contenders = List.copyOf(contenders);
    }

    /**
     * One contender's numbers.
     *
     * @param trainStep         seconds per train step over every alternating round
     * @param sampleSeconds     seconds per sampling request, by the number of sequences
     * @param memory            its process memory after the runs (peak = VmHWM)
     * @param stepMemory        one train step's memory after the rounds
     */
    public record ContenderResult(String name, Timings trainStep, double firstLoss, Map<Integer, Timings> sampleSeconds,
                                  ProcessMemory memory, StepMemory stepMemory) {
        public ContenderResult {
            sampleSeconds = Map.copyOf(sampleSeconds);
        }
    }

    /**
     * RSS and live tensors after {@link BenchSettings#SOAK_FIRST} steps and after all of them; the Java heap
     * committed at the end (run the JVM with a fixed, pre-touched heap to see native growth alone).
     */
    public record Soak(int steps, long rssAtFirst, long rssAtEnd, int tensorsAtFirst, int tensorsAtEnd,
                       long heapCommittedAtFirst, long heapCommittedAtEnd) {
        public double growthPercent() {
            return 100.0 * (rssAtEnd - rssAtFirst) / rssAtFirst;
        }
    }

    /** Train tokens per second of {@code c} (B·T over the median step). */
    public double trainTokensPerSecond(ContenderResult c) {
        return (double) settings.batch() * settings.tokens() / c.trainStep().median();
    }

    /** Model-FLOPs utilisation of {@code c}'s median step against the measured ceiling. */
    public double mfu(ContenderResult c) {
        return trainFlops / c.trainStep().median() / (ceiling.ceilingGflops() * 1e9);
    }

    /** Sampled tokens per second of {@code c} with {@code n} sequences (n × new tokens over the median request). */
    public double sampleTokensPerSecond(ContenderResult c, int n) {
        Timings t = c.sampleSeconds().get(n);
        return t == null ? Double.NaN : (double) n * settings.newTokens() / t.median();
    }

    public ContenderResult ours() {
        return contenders.get(0);
    }

    /** The PyTorch reference's numbers, or null when it did not run. */
    public ContenderResult torch() {
        return contenders.size() > 1 ? contenders.get(1) : null;
    }
}
