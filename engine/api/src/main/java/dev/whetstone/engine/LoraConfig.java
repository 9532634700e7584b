package dev.whetstone.engine;

/**
 * The shape of a LoRA adapter: its rank, its alpha, the seed of its initialisation, and which layers
 * carry it (attention projections, MLP projections, the unembedding head).
 *
 * <p>The adapter adds {@code (alpha / rank) · B A x} to each targeted layer. Tinker fixes alpha at 32
 * whatever the rank, so {@link #ofRank(int)} keeps it: {@code LoraConfig.ofRank(8).scaling() == 4.0}.
 *
 * @param rank         LoRA rank R, in {@code [1, 4096]}
 * @param alpha        LoRA alpha, {@code > 0}
 * @param seed         seed of the adapter's initialisation, or {@code null} for a random one
 * @param trainAttn    adapt the attention projections
 * @param trainMlp     adapt the MLP projections
 * @param trainUnembed adapt the unembedding head ({@code lm_head})
 */
public record LoraConfig(int rank, double alpha, Long seed, boolean trainAttn, boolean trainMlp,
                         boolean trainUnembed) {

    /** Largest rank accepted. */
    public static final int MAX_RANK = 4096;
    /** Tinker's alpha, the same for every rank. */
    public static final double DEFAULT_ALPHA = 32;
    /** Tinker's default rank. */
    public static final int DEFAULT_RANK = 32;

    public LoraConfig {
        if (rank < 1 || rank > MAX_RANK) {
            throw new IllegalArgumentException("rank must be in [1, " + MAX_RANK + "], was " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0 and finite, was " + alpha);
        }
        if (!trainAttn && !trainMlp && !trainUnembed) {
            throw new IllegalArgumentException(
                    "at least one of trainAttn, trainMlp, trainUnembed must be true, all were false");
        }
    }

    /** Rank 32, alpha 32, random seed, every layer kind trained. */
    public static LoraConfig defaults() {
        return ofRank(DEFAULT_RANK);
    }

    /** The defaults with another rank; alpha stays 32: {@code LoraConfig.ofRank(16)}. */
    public static LoraConfig ofRank(int rank) {
        return new LoraConfig(rank, DEFAULT_ALPHA, null, true, true, true);
    }

    /** {@code LoraConfig.defaults().withRank(64)} */
    public LoraConfig withRank(int rank) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** {@code LoraConfig.defaults().withAlpha(16)} */
    public LoraConfig withAlpha(double alpha) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** {@code LoraConfig.defaults().withSeed(42L)}; {@code null} for a random initialisation. */
    public LoraConfig withSeed(Long seed) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** {@code LoraConfig.defaults().withTrainAttn(false)} */
    public LoraConfig withTrainAttn(boolean trainAttn) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** {@code LoraConfig.defaults().withTrainMlp(false)} */
    public LoraConfig withTrainMlp(boolean trainMlp) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** {@code LoraConfig.defaults().withTrainUnembed(false)} */
    public LoraConfig withTrainUnembed(boolean trainUnembed) {
        return new LoraConfig(rank, alpha, seed, trainAttn, trainMlp, trainUnembed);
    }

    /** The factor on the adapter's output, {@code alpha / rank}: {@code LoraConfig.ofRank(32).scaling() == 1.0}. */
    public double scaling() {
        return alpha / rank;
    }
}
