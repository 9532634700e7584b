package dev.whetstone.app.models;

/**
 * The training settings a LoRA memory estimate depends on.
 *
 * @param rank           LoRA rank R, 1 to {@value #MAX_RANK}
 * @param batchSize      sequences per step B, 1 to {@value #MAX_BATCH}
 * @param sequenceLength tokens per sequence T, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
 */
public record LoraSettings(int rank, int batchSize, int sequenceLength) {
    public static final int MAX_RANK = 512;
    public static final int MAX_BATCH = 512;
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 131_072;

    public LoraSettings {
        check("rank", rank, 1, MAX_RANK);
        check("batchSize", batchSize, 1, MAX_BATCH);
        check("sequenceLength", sequenceLength, MIN_LENGTH, MAX_LENGTH);
    }

    /** Tinker's default rank 32, batch 4, 1024 tokens. */
    public static LoraSettings defaults() {
        return new LoraSettings(32, 4, 1024);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + value);
        }
    }
}
