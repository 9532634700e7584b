package dev.whetstone.engine.bench;

/**
 * The shape of a synthetic Qwen3 model for benchmarks (random weights, so only the shape matters).
 *
 * @param name         {@code S}, {@code M} or {@code tiny}
 * @param hidden       D
 * @param layers       decoder layers
 * @param heads        H
 * @param kvHeads      K
 * @param headDim      hd
 * @param intermediate I
 * @param vocab        V
 * @param maxPositions the context length written to {@code config.json}
 */
public record ModelShape(String name, int hidden, int layers, int heads, int kvHeads, int headDim, int intermediate,
                         int vocab, int maxPositions) {

    public ModelShape {
        if (hidden < 1 || layers < 1 || heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || headDim < 2 || headDim % 2 != 0
                || intermediate < 1 || vocab < 2 || maxPositions < 2) {
            throw new IllegalArgumentException("not a valid decoder shape: " + name);
        }
    }

    /** The small model: d=256, 4 layers, 4 heads / 2 kv heads, hd 64, FFN 768, vocab 8192. */
    public static ModelShape small() {
        return new ModelShape("S", 256, 4, 4, 2, 64, 768, 8192, 1024);
    }

    /** Qwen3-0.6B's shape: d=1024, 28 layers, 16 heads / 8 kv heads, hd 128, FFN 3072, vocab 151,936. */
    public static ModelShape medium() {
        return new ModelShape("M", 1024, 28, 16, 8, 128, 3072, 151_936, 40_960);
    }

    /** A model small enough for the harness's smoke test. */
    public static ModelShape tiny() {
        return new ModelShape("tiny", 32, 2, 4, 2, 16, 64, 256, 512);
    }

    /** {@code S}, {@code M} or {@code tiny} (any case). */
    public static ModelShape named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "s" -> small();
            case "m" -> medium();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("size must be S, M or tiny, was " + name);
        };
    }

    /** Query width H·hd. */
    public long queryWidth() {
        return (long) heads * headDim;
    }

    /** Key (and value) width K·hd. */
    public long kvWidth() {
        return (long) kvHeads * headDim;
    }

    /** The seven projections of one layer as {in, out} pairs: q, k, v, o, gate, up, down. */
    public long[][] projections() {
        return new long[][] {
                {hidden, queryWidth()}, {hidden, kvWidth()}, {hidden, kvWidth()}, {queryWidth(), hidden},
                {hidden, intermediate}, {hidden, intermediate}, {intermediate, hidden}};
    }

    /** Weights of every matmul a token passes through: seven projections per layer plus the head. */
    public long matmulParameters() {
        long perLayer = 0;
        for (long[] p : projections()) {
            perLayer += p[0] * p[1];
        }
        return perLayer * layers + (long) hidden * vocab;
    }
}
