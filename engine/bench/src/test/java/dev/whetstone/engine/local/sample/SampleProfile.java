package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.bench.BenchData;
import dev.whetstone.engine.bench.ProfiledModel;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.model.DecoderWeights;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Profile of single-sequence decoding on the S model (not a test): the bench's request (prompt 32, 128
 * new tokens, frozen rank-16 adapter on every projection, KV cache).
 *
 * <pre>java -Dai.djl.pytorch.num_threads=2 -cp engine/api/target/classes:engine/local/target/classes:engine/bench/target/classes:engine/bench/target/test-classes:$(cat cp.txt) \
 *      dev.whetstone.engine.local.sample.SampleProfile [time|steps|trace] [rounds] [sequences]</pre>
 * {@code time}: tokens/s of whole generations (the bench's measure, without the device-thread hop);
 * {@code steps}: the decode step split into decoder forward, head, draw, with the NDArrays each creates;
 * {@code trace}: libtorch's profiler over one generation ({@code -Dtrace=file}; {@code bench/trace_top.py}).
 */
public final class SampleProfile {
    private static Field resources;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "time";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        resources = NDScope.class.getDeclaredField("resources");
        resources.setAccessible(true);
        try (ProfiledModel model = ProfiledModel.small()) {
            BenchData data = model.data();
            ModelConfig config = model.config();
            NDManager manager = model.manager();
            ScalarConstants constants = model.constants();
            DecoderWeights weights = model.weights();
            Decoder decoder = model.decoder();
            LoraAdapter adapter = model.adapter(16).freeze();
            SampleRequest request = SampleRequest.of(ModelInput.fromInts(data.prompt()), n,
                    SamplingParams.defaults().withMaxTokens(data.newTokens()).withIgnoreEos(true).withSeed(1L), false, 0,
                    new SampleRequest.ModelLimits(config.vocabSize(), config.maxPositionEmbeddings(), List.of()));
            Generation generation = new Generation(decoder, adapter, manager, constants, null, StepForward.KV_CACHE);
            System.out.println("load: " + loadavg());
            if (mode.equals("ops")) {
                NDArray a = manager.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1, 1, 256));
                NDArray w = manager.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(256, 1, 1));
                for (int rep = 0; rep < 5; rep++) {
                    try (NDScope scope = new NDScope()) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 10000; i++) {
                            a.add(a);
                        }
                        long t1 = System.nanoTime();
                        for (int i = 0; i < 10000; i++) {
                            a.reshape(1, 256);
                        }
                        long t2 = System.nanoTime();
                        for (int i = 0; i < 10000; i++) {
                            a.mean(new int[] {-1}, true);
                        }
                        long t3 = System.nanoTime();
                        scope.close();
                        long t4 = System.nanoTime();
                        System.out.printf("us per op: add %.2f  reshape %.2f  mean %.2f  close %.2f%n", (t1 - t0) / 1e7,
                                (t2 - t1) / 1e7, (t3 - t2) / 1e7, (t4 - t3) / 3e7);
                    }
                }
                return;
            }
            if (mode.equals("mm")) {
                mm(weights, manager);
                return;
            }
            generation.run(request, 1L, null, () -> false);   // warm-up
            for (int r = 0; r < rounds; r++) {
                if (mode.equals("steps")) {
                    steps(decoder, adapter, manager, constants, request, config.vocabSize());
                } else if (mode.equals("trace")) {
                    ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                    long t0 = System.nanoTime();
                    generation.run(request, 1L, null, () -> false);
                    long t1 = System.nanoTime();
                    ai.djl.pytorch.jni.JniUtils.stopProfile(System.getProperty("trace", "/tmp/sample-trace.json"));
                    System.out.printf("traced generation %.1f ms%n", (t1 - t0) / 1e6);
                } else {
                    long t0 = System.nanoTime();
                    Generation.Result result = generation.run(request, 1L, null, () -> false);
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("round %d: %.1f tok/s (%.3f s, first tokens %s)%n", r,
                            n * data.newTokens() / s, s, result.response().sequences().get(0).tokens().subList(0, 6));
                }
            }
            System.out.println("load: " + loadavg() + "; intra-op threads after: " + ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
    }

    /** The loop of {@link Generation#run}, timed by part. */
    private static void steps(Decoder decoder, LoraAdapter adapter, NDManager manager, ScalarConstants constants,
                              SampleRequest request, int vocab) throws Exception {
        TokenSampler sampler = new TokenSampler(request.params(), constants, vocab);
        SequenceRandom random = new SequenceRandom(1L, request.numSamples());
        long fwd = 0;
        long head = 0;
        long draw = 0;
        long close = 0;
        int arraysFwd = 0;
        int arraysHead = 0;
        int arraysDraw = 0;
        int steps = 0;
        try (StepForward forward = StepForward.KV_CACHE.open(decoder, adapter, manager, request)) {
            int[] next = new int[request.numSamples()];
            try (NDScope scope = new NDScope()) {
                forward.prefill(request.prompt().toInts());
            }
            for (int i = 0; i < request.maxTokens() - 1; i++) {
                long a;
                long b;
                long c;
                long d;
                NDScope scope = new NDScope();
                a = System.nanoTime();
                NDArray hidden = forward.step(next);
                b = System.nanoTime();
                int afterFwd = count(scope);
                arraysFwd += afterFwd;
                NDArray logits = decoder.logits(hidden, adapter);
                c = System.nanoTime();
                int before = count(scope);
                arraysHead += before - afterFwd;
                next = sampler.draw(logits, random.next()).tokens();
                d = System.nanoTime();
                arraysDraw += count(scope) - before;
                scope.close();
                long e = System.nanoTime();
                fwd += b - a;
                head += c - b;
                draw += d - c;
                close += e - d;
                steps++;
            }
        }
        System.out.printf("per step (%d steps): decoder %.3f ms (%d arrays)  head %.3f ms (%d arrays)  draw %.3f ms (%d arrays)"
                        + "  scope close %.3f ms  | %.3f ms%n", steps, fwd / 1e6 / steps, arraysFwd / steps,
                head / 1e6 / steps, arraysHead / steps, draw / 1e6 / steps, arraysDraw / steps, close / 1e6 / steps,
                (fwd + head + draw + close) / 1e6 / steps);
    }

    /** Each layer projection of one row, alone and in layer order: ms per call. */
    private static void mm(DecoderWeights weights, NDManager manager) {
        NDArray x256 = manager.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1, 1, 256));
        NDArray x768 = manager.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1, 1, 768));
        for (int rep = 0; rep < 3; rep++) {
            long[] t = new long[5];
            for (int i = 0; i < 500; i++) {
                for (dev.whetstone.engine.local.model.LayerWeights l : weights.layers()) {
                    long a = System.nanoTime();
                    l.fused(dev.whetstone.engine.local.model.ProjectionGroup.QKV).apply(x256).close();
                    long b = System.nanoTime();
                    l.o().apply(x256).close();
                    long c = System.nanoTime();
                    l.fused(dev.whetstone.engine.local.model.ProjectionGroup.GATE_UP).apply(x256).close();
                    long d = System.nanoTime();
                    l.down().apply(x768).close();
                    long e = System.nanoTime();
                    t[0] += b - a;
                    t[1] += c - b;
                    t[2] += d - c;
                    t[3] += e - d;
                }
                long f = System.nanoTime();
                weights.lmHead().apply(x256).close();
                t[4] += System.nanoTime() - f;
            }
            System.out.printf("us per call: qkv %.1f  o %.1f  gate_up %.1f  down %.1f  head %.1f%n", t[0] / 2000e3,
                    t[1] / 2000e3, t[2] / 2000e3, t[3] / 2000e3, t[4] / 500e3);
        }
    }

    private static int count(NDScope scope) throws Exception {
        return ((IdentityHashMap<?, ?>) resources.get(scope)).size();
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
