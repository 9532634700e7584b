package dev.whetstone.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.local.loss.ChunkedLoss;
import dev.whetstone.engine.local.loss.TokenBatch;
import dev.whetstone.engine.local.loss.TokenLoss;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.local.optim.AdamW;
import dev.whetstone.engine.local.tensor.Autograd;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase profile of the S-model train step (not a test): times the forward, the head + loss, the two
 * backward passes, the host copies and the optimizer with {@code System.nanoTime} (CPU libtorch runs
 * each op synchronously on the calling thread), and counts the NDArrays each phase creates.
 *
 * <pre>java -cp engine/api/target/classes:engine/local/target/classes:engine/bench/target/classes:engine/bench/target/test-classes:$(cat cp) dev.whetstone.engine.bench.StepProfile [steps] [rank]</pre>
 */
public final class StepProfile {
    private static Field resources;

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int rank = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String mode = args.length > 2 ? args[2] : "phases";
        resources = NDScope.class.getDeclaredField("resources");
        resources.setAccessible(true);
        try (ProfiledModel model = ProfiledModel.small()) {
            System.out.println("native heap tuning: " + dev.whetstone.engine.local.tensor.NativeHeap.keepFreedMemory());
            BenchData data = model.data();
            ModelConfig config = model.config();
            NDManager manager = model.manager();
            ScalarConstants constants = model.constants();
            Decoder decoder = model.decoder();
            LoraAdapter adapter = model.adapter(rank);
            AdamW optimizer = new AdamW(manager);
            TokenBatch batch = TokenBatch.of(WhetstoneContender.datums(data), List.of("weights"), Map.of());
            TokenLoss loss = TokenLoss.of(LossFn.CROSS_ENTROPY);
            List<String> keys = List.of("weights");
            System.out.printf("load: %s%n", Machine.loadAverage());
            for (int s = 0; s < steps; s++) {
                if (mode.equals("real")) {
                    // -Dtrace=FILE: the last step runs under libtorch's profiler
                    boolean traced = System.getProperty("trace") != null && s == steps - 1;
                    if (traced) {
                        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                    }
                    long f0 = minorFaults();
                    long t0 = System.nanoTime();
                    new ChunkedLoss(decoder, manager, constants, Long.getLong("chunkCells", ChunkedLoss.defaultChunkCells(config.vocabSize())), false)
                            .run(batch, adapter, loss, Map.of(), keys, true);
                    long t1 = System.nanoTime();
                    optimizer.step(adapter.parameters(), AdamParams.defaults(), true);
                    long t2 = System.nanoTime();
                    if (traced) {
                        ai.djl.pytorch.jni.JniUtils.stopProfile(System.getProperty("trace"));
                    }
                    System.out.printf("step %d: fb %.3f  optim %.3f  total %.3f s  minflt %d%n", s, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                            (t2 - t0) / 1e9, minorFaults() - f0);
                } else if (mode.equals("trace")) {
                    boolean on = s == steps - 1;
                    if (on) {
                        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                    }
                    phases(s, decoder, manager, adapter, batch, loss, optimizer, constants);
                    if (on) {
                        ai.djl.pytorch.jni.JniUtils.stopProfile(System.getProperty("trace", "/tmp/step-trace.json"));
                    }
                } else {
                    phases(s, decoder, manager, adapter, batch, loss, optimizer, constants);
                }
            }
            System.out.printf("load: %s%n", Machine.loadAverage());
        }
    }

    private static void phases(int s, Decoder decoder, NDManager manager, LoraAdapter adapter, TokenBatch batch,
                               TokenLoss loss, AdamW optimizer, ScalarConstants constants) throws Exception {
        long[] t = new long[9];
        int[] ops = new int[9];
        long[] f = new long[9];
        int n = batch.rows();
        int k = batch.width();
        try (NDScope scope = new NDScope(); Autograd.Recording rec = Autograd.record()) {
            t[0] = System.nanoTime();
            f[0] = minorFaults();
            NDArray tokens = HostArrays.longs(manager, batch.tokens(), new Shape(batch.batchSize(), batch.maxLength()));
            NDArray hidden = decoder.hidden(tokens, adapter);
            t[1] = System.nanoTime();
            f[1] = minorFaults();
            ops[1] = count(scope);
            NDArray rowIndex = HostArrays.longs(manager, batch.rowIndex(), new Shape(n));
            NDArray rows = hidden.reshape((long) n, hidden.getShape().get(2)).get(new NDIndex("{}", rowIndex));
            NDArray leaf = rows.stopGradient();
            leaf.setRequiresGradient(true);
            NDArray targets = HostArrays.longs(manager, batch.targets(), new Shape(n, k));
            NDArray w = HostArrays.floats(manager, batch.perToken("weights"), new Shape(n, k));
            int chunk = (int) Math.min(n, Long.getLong("chunkCells", 16L << 20) / decoder.config().vocabSize());
            long[] acc = new long[6];
            long[] fl = new long[6];
            for (int start = 0; start < n; start += chunk) {
                int end = Math.min(n, start + chunk);
                try (NDScope chunkScope = new NDScope()) {
                    long a = System.nanoTime();
                    long fa = minorFaults();
                    NDArray logits = decoder.logits(leaf.get(new NDIndex("{}:{}", start, end)), adapter);
                    long b = System.nanoTime();
                    long fb = minorFaults();
                    NDArray logp = logits.logSoftmax(-1).gather(targets.get(new NDIndex("{}:{}", start, end)), 1);
                    NDArray cells = loss.elementwise(logp, Map.of("weights", w.get(new NDIndex("{}:{}", start, end))),
                            Map.of(), constants);
                    NDArray total = cells.sum();
                    long c = System.nanoTime();
                    long fc = minorFaults();
                    Autograd.backward(total);
                    long d = System.nanoTime();
                    long fd = minorFaults();
                    float lossSum = total.getFloat();
                    float[] lp = logp.toFloatArray();
                    float[] el = cells.toFloatArray();
                    long e = System.nanoTime();
                    acc[1] += b - a;
                    acc[2] += c - b;
                    acc[3] += d - c;
                    acc[4] += e - d;
                    fl[1] += fb - fa;
                    fl[2] += fc - fb;
                    fl[3] += fd - fc;
                }
            }
            t[2] = t[1] + acc[1];
            t[3] = t[2] + acc[2];
            t[4] = t[3] + acc[3];
            t[5] = System.nanoTime();
            f[2] = f[1] + fl[1];
            f[3] = f[2] + fl[2];
            f[4] = f[3] + fl[3];
            f[5] = minorFaults();
            ops[5] = count(scope);
            Autograd.backward(rows, leaf.getGradient());
            t[6] = System.nanoTime();
            f[6] = minorFaults();
            ops[6] = count(scope);
        }
        t[7] = System.nanoTime();
            f[7] = minorFaults();
        optimizer.step(adapter.parameters(), AdamParams.defaults(), true);
        t[8] = System.nanoTime();
            f[8] = minorFaults();
        System.out.printf("minflt fwd %d head %d loss %d hbwd %d dbwd %d close %d optim %d%n", f[1] - f[0], f[2] - f[1],
                f[3] - f[2], f[4] - f[3], f[6] - f[5], f[7] - f[6], f[8] - f[7]);
        System.out.printf("step %d: forward %.3f (%d arrays)  head %.3f  logsoftmax+loss %.3f  head-bwd %.3f  host %.3f"
                        + "  decoder-bwd %.3f (%d arrays)  scope-close %.3f  optim %.3f  | total %.3f s%n",
                s, sec(t[0], t[1]), ops[1], sec(t[1], t[2]), sec(t[2], t[3]), sec(t[3], t[4]), sec(t[4], t[5]),
                sec(t[5], t[6]), ops[6], sec(t[6], t[7]), sec(t[7], t[8]), sec(t[0], t[8]));
    }

    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static int count(NDScope scope) throws Exception {
        return ((IdentityHashMap<?, ?>) resources.get(scope)).size();
    }

    private static double sec(long a, long b) {
        return (b - a) / 1e9;
    }
}
