package dev.whetstone.engine.bench;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.server.ServerOptions;
import dev.whetstone.engine.server.WhetstoneServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Two LoRA training clients on one base model (one {@code ServiceClient}, so one device thread) taking turns, against
 * one client alone (not a test). Rounds of "alone" (client A, step after step) and "alternating" (A, B, A, B, ...)
 * alternate as alone, alternating, alternating, alone, ..., so both modes see the same machine load. Each step
 * ({@code forwardBackward} + {@code optimStep}, submitted, then joined) is printed with its wall time, the process's
 * CPU time and minor page faults ({@code /proc/self/stat} fields 14 + 15 and 10), and the load average.
 *
 * <pre>java -cp engine/bench/target/classes:engine/bench/target/test-classes:$(cat /tmp/bench-cp) \
 *     dev.whetstone.engine.bench.TwoClients [rounds] [stepsPerRound] [S|tiny|M] [threads] [local|wire] [turns|blocks]</pre>
 *
 * <p>The classpath recipe is in {@code bench/results/2026-12-07-two-clients.md}. {@code wire} serves client B
 * through a {@code whetstone serve} on loopback that hosts the same engine, the set-up the wire bench first used.
 * {@code blocks} makes each alternating round run A for its first half and B for the second, the wire bench's
 * pattern, instead of turns step by step.
 */
public final class TwoClients {
    private static final long CLOCK_TICKS = 100;   // USER_HZ on Linux

    private TwoClients() {
    }

    /** Process counters from {@code /proc/self/stat}. */
    record Counters(long minorFaults, long cpuTicks) {
        static Counters now() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // f[0] is field 3 (state): field n is f[n - 3]
                return new Counters(Long.parseLong(f[10 - 3]), Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One measured step. */
    record Step(String mode, String client, double seconds, double cpuSeconds, long faults, String load) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        ModelShape shape = ModelShape.named(args.length > 2 ? args[2] : "S");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path work = Files.createTempDirectory("two-clients");
        Path model = SyntheticModel.write(shape, 1L, work.resolve("model-" + shape.name()));
        BenchData data = BenchData.random(shape, 8, 256, 32, 128, 1L);
        List<Datum> batch = WhetstoneContender.datums(data);
        LoraConfig lora = new LoraConfig(16, LoraConfig.DEFAULT_ALPHA, 0L, true, true, false);
        EngineOptions options = EngineOptions.builder().home(work.resolve("home")).device("cpu").threads(threads).build();
        List<Step> steps = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%s model, %d threads, load before %s%n", shape.name(), threads, Machine.loadAverage());
        boolean wire = args.length > 4 && args[4].equals("wire");
        boolean blocks = args.length > 5 && args[5].equals("blocks");
        try (ServiceClient engine = ServiceClient.local(options);
             WhetstoneServer server = wire ? WhetstoneServer.start(engine, work.resolve("home"), ServerOptions.loopback(0)) : null;
             ServiceClient remote = wire ? ServiceClient.connect(server.baseUrl(), null) : null;
             TrainingClient a = engine.createLoraTrainingClient(model.toString(), lora);
             TrainingClient b = (wire ? remote : engine).createLoraTrainingClient(model.toString(), lora)) {
            for (int warm = 0; warm < 2; warm++) {
                step(a, batch);
                step(b, batch);
            }
            for (int round = 0; round < 2 * rounds; round++) {
                boolean alone = round % 4 == 0 || round % 4 == 3;   // alone, alternating, alternating, alone, ...
                for (int s = 0; s < perRound; s++) {
                    boolean useB = !alone && (blocks ? s >= perRound / 2 : s % 2 == 1);
                    String load = Machine.loadAverage();
                    Counters before = Counters.now();
                    long start = System.nanoTime();
                    step(useB ? b : a, batch);
                    long nanos = System.nanoTime() - start;
                    Counters after = Counters.now();
                    Step measured = new Step(alone ? "alone" : "alternating", useB ? "B" : "A", nanos / 1e9,
                            (after.cpuTicks() - before.cpuTicks()) / (double) CLOCK_TICKS, after.minorFaults() - before.minorFaults(),
                            load);
                    steps.add(measured);
                    System.out.printf(Locale.ROOT, "%-11s %s  %.3f s  cpu %.2f s  %,8d minor faults  load %s%n",
                            measured.mode(), measured.client(), measured.seconds(), measured.cpuSeconds(), measured.faults(),
                            measured.load());
                }
            }
        }
        for (String mode : List.of("alone", "alternating")) {
            double[] wall = steps.stream().filter(s -> s.mode().equals(mode)).mapToDouble(Step::seconds).toArray();
            double[] cpu = steps.stream().filter(s -> s.mode().equals(mode)).mapToDouble(Step::cpuSeconds).toArray();
            double[] faults = steps.stream().filter(s -> s.mode().equals(mode)).mapToDouble(Step::faults).toArray();
            System.out.printf(Locale.ROOT, "%-11s median of %d: %.3f s wall, %.2f s cpu, %,.0f minor faults%n", mode,
                    wall.length, Timings.of(wall).median(), Timings.of(cpu).median(), Timings.of(faults).median());
        }
        System.out.printf(Locale.ROOT, "load after %s%n", Machine.loadAverage());
    }

    private static void step(TrainingClient client, List<Datum> batch) {
        CompletableFuture<?> fb = client.forwardBackward(batch, LossFn.CROSS_ENTROPY);
        CompletableFuture<?> update = client.optimStep(AdamParams.defaults());
        fb.join();
        update.join();
    }
}
