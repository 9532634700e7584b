package dev.whetstone.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's matmul ceiling as the engine's own native library (libtorch through DJL) reaches it:
 * the best GFLOP/s of {@code [N, in] · [in, out]} products of the shapes a train step runs, in the type
 * the engine stores base matrices in on that device (float32 on the CPU, float16 on CUDA).
 *
 * <p>On a GPU one product of these shapes takes microseconds, less than a launch and a host read, so
 * each timing there queues {@value #GPU_PRODUCTS_PER_TIMING} products and waits for the last.
 */
public final class MatmulCeiling {

    /** One measured product: {@code [rows, inner] · [inner, cols]}. */
    public record Product(long rows, long inner, long cols, double bestSeconds, double gflops) {
    }

    /**
     * Every product measured and the best rate among them; when combined over rounds, the ceiling is the
     * median of the rounds' ceilings (used for MFU) and {@code bestGflops} the highest seen.
     */
    public record Result(List<Product> products, double ceilingGflops, double bestGflops) {
        public Result {
            products = List.copyOf(products);
        }
    }

    /** The rounds' results as one: products of the round with the best ceiling, the median ceiling. */
    public static Result combine(List<Result> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("need at least one round");
        }
        double[] ceilings = rounds.stream().mapToDouble(Result::ceilingGflops).toArray();
        Result best = rounds.stream().max(java.util.Comparator.comparingDouble(Result::ceilingGflops)).orElseThrow();
        return new Result(best.products(), Timings.of(ceilings).median(), best.ceilingGflops());
    }

    static final int GPU_PRODUCTS_PER_TIMING = 50;

    private MatmulCeiling() {
    }

    /** {@link #measure(ModelShape, long, int, Device, DataType)} in float32 on the CPU. */
    public static Result measure(ModelShape shape, long rows, int repeats) {
        return measure(shape, rows, repeats, Device.cpu(), DataType.FLOAT32);
    }

    /**
     * Measures the shapes of {@code shape}'s projections and head for {@code rows} tokens, each the best of
     * {@code repeats} runs after one warm-up.
     */
    public static Result measure(ModelShape shape, long rows, int repeats, Device device, DataType type) {
        int perTiming = device.isGpu() ? GPU_PRODUCTS_PER_TIMING : 1;
        long[][] dims = {
                {rows, shape.hidden(), shape.queryWidth()},
                {rows, shape.hidden(), shape.intermediate()},
                {rows, shape.intermediate(), shape.hidden()},
                {rows, shape.hidden(), shape.vocab()}};
        List<Product> products = new ArrayList<>();
        double ceiling = 0;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            for (long[] d : dims) {
                NDArray a = manager.randomUniform(-1, 1, new Shape(d[0], d[1])).toType(type, false);
                NDArray b = manager.randomUniform(-1, 1, new Shape(d[1], d[2])).toType(type, false);
                double best = Double.MAX_VALUE;
                for (int r = 0; r <= repeats; r++) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b);
                    for (int i = 1; i < perTiming; i++) {
                        c.close();   // on a GPU the allocator reuses the memory in stream order
                        c = a.matMul(b);
                    }
                    try (NDArray product = c; NDArray corner = product.get(0, 0)) {
                        corner.toType(DataType.FLOAT32, false).getFloat();   // waits for the products
                    }
                    double seconds = (System.nanoTime() - start) / 1e9 / perTiming;
                    if (r > 0) {
                        best = Math.min(best, seconds);
                    }
                }
                double gflops = 2.0 * d[0] * d[1] * d[2] / best / 1e9;
                products.add(new Product(d[0], d[1], d[2], best, gflops));
                ceiling = Math.max(ceiling, gflops);
                a.close();
                b.close();
            }
        }
        return new Result(products, ceiling, ceiling);
    }
}
