package dev.whetstone.engine.bench;

import java.nio.file.Path;

/**
 * What one benchmark run measures.
 *
 * @param shape          the synthetic model
 * @param batch          sequences per train step (B)
 * @param tokens         tokens per sequence (T)
 * @param promptTokens   sampling prompt length
 * @param newTokens      tokens sampled per sequence
 * @param sampleCounts   numbers of sequences sampled at once (e.g. 1 and 8)
 * @param rank           LoRA rank on every projection
 * @param threads        native threads for both contenders
 * @param rounds         alternating train rounds (ours, torch, torch, ours, ...)
 * @param stepsPerRound  train steps per contender per round
 * @param sampleRounds   alternating sampling rounds
 * @param seed           weights and data
 * @param device         Whetstone's device
 * @param workDir        where the model, data and engine home go
 * @param python         the Python interpreter for the reference
 * @param torchScript    the reference script, or null to run Whetstone alone
 * @param soakSteps      train steps of the memory soak (0 = no soak)
 * @param traceDir       where each contender writes a Chrome trace of one train step, or null for none
 */
public record BenchSettings(ModelShape shape, int batch, int tokens, int promptTokens, int newTokens,
                            java.util.List<Integer> sampleCounts, int rank, int threads, int rounds, int stepsPerRound,
                            int sampleRounds, long seed, String device, Path workDir, String python, Path torchScript,
                            int soakSteps, Path traceDir) {

    public BenchSettings {
        sampleCounts = java.util.List.copyOf(sampleCounts);
        requireAtLeast("batch", batch, 1);
        requireAtLeast("tokens", tokens, 1);
        requireAtLeast("promptTokens", promptTokens, 1);
        requireAtLeast("newTokens", newTokens, 1);
        requireAtLeast("rank", rank, 1);
        requireAtLeast("threads", threads, 1);
        requireAtLeast("rounds", rounds, 1);
        requireAtLeast("stepsPerRound", stepsPerRound, 1);
        requireAtLeast("sampleRounds", sampleRounds, 0);
        requireAtLeast("soakSteps", soakSteps, 0);
        if (soakSteps > 0 && soakSteps < SOAK_FIRST) {
            throw new IllegalArgumentException("soakSteps must be 0 or >= " + SOAK_FIRST + ", was " + soakSteps);
        }
    }

    /** The soak compares RSS after this many steps with RSS at the end. */
    public static final int SOAK_FIRST = 200;

    /** The workload on {@code shape}: B 8 × T 256, prompt 32 + 128 new tokens for 1 and 8 sequences, rank 16. */
    public static BenchSettings standard(ModelShape shape, int threads, Path workDir, Path torchScript) {
        return new BenchSettings(shape, 8, 256, 32, 128, java.util.List.of(1, 8), 16, threads, 5, 3, 3, 1234L, "cpu",
                workDir, "/usr/bin/python3", torchScript, 0, null);
    }

    public BenchSettings withSoakSteps(int steps) {
        return new BenchSettings(shape, batch, tokens, promptTokens, newTokens, sampleCounts, rank, threads, rounds,
                stepsPerRound, sampleRounds, seed, device, workDir, python, torchScript, steps, traceDir);
    }

    /** The same settings with a smaller workload (for the harness's smoke test). */
    public BenchSettings withWorkload(int batch, int tokens, int promptTokens, int newTokens, int rounds, int stepsPerRound,
                                      int sampleRounds) {
        return new BenchSettings(shape, batch, tokens, promptTokens, newTokens, sampleCounts, rank, threads, rounds,
                stepsPerRound, sampleRounds, seed, device, workDir, python, torchScript, soakSteps, traceDir);
    }

    public BenchSettings withDevice(String device) {
        return new BenchSettings(shape, batch, tokens, promptTokens, newTokens, sampleCounts, rank, threads, rounds,
                stepsPerRound, sampleRounds, seed, device, workDir, python, torchScript, soakSteps, traceDir);
    }

    public BenchSettings withPython(String python) {
        return new BenchSettings(shape, batch, tokens, promptTokens, newTokens, sampleCounts, rank, threads, rounds,
                stepsPerRound, sampleRounds, seed, device, workDir, python, torchScript, soakSteps, traceDir);
    }

    /** The same settings, tracing one train step of each contender into {@code dir} (null: none). */
    public BenchSettings withTraceDir(Path dir) {
        return new BenchSettings(shape, batch, tokens, promptTokens, newTokens, sampleCounts, rank, threads, rounds,
                stepsPerRound, sampleRounds, seed, device, workDir, python, torchScript, soakSteps, dir);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
