package dev.whetstone.engine.bench;

import dev.whetstone.engine.local.DeviceSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a benchmark: writes the synthetic model and data, loads Whetstone and (optionally) the PyTorch
 * reference side by side, measures the matmul ceiling, then alternates the contenders round by round
 * (ours then torch, then torch then ours, ...) so both see the same machine load and the ratio is
 * measured in one run. Each contender gets warm-up steps, and {@link #SAMPLE_WARMUPS} warm-up generations per sample count, first.
 */
public final class BenchHarness {
    private static final int WARMUP_STEPS = 2;
    /** Warm-up generations per sample count and contender before the timed rounds. */
    static final int SAMPLE_WARMUPS = 5;
    private final BenchSettings settings;
    private final Consumer<String> progress;

    /** A harness reporting progress lines to {@code progress} (e.g. stderr). */
    public BenchHarness(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchResult run() {
        Machine machine = Machine.now();
        ModelShape shape = settings.shape();
        Path workDir = settings.workDir();
        progress.accept("writing the synthetic " + shape.name() + " model to " + workDir);
        Path model = SyntheticModel.write(shape, settings.seed(), workDir.resolve("model-" + shape.name()));
        BenchData data = BenchData.random(shape, settings.batch(), settings.tokens(), settings.promptTokens(),
                settings.newTokens(), settings.seed());
        Path dataFile = data.write(workDir.resolve("data-" + shape.name() + ".json"));
        DeviceSelection device = DeviceSelection.choose(settings.device());
        List<Contender> contenders = new ArrayList<>();
        try {
            contenders.add(new WhetstoneContender(model, data, workDir.resolve("home"), device, settings.threads(),
                    settings.rank()));
            if (settings.torchScript() != null) {
                progress.accept("starting the PyTorch reference");
                contenders.add(new TorchContender(settings.python(), settings.torchScript(), model, dataFile,
                        settings.threads(), settings.rank(), device.device().isGpu() ? "cuda" : "cpu"));
            }
            List<MatmulCeiling.Result> ceilings = new ArrayList<>();
            Map<Contender, List<Double>> steps = trainRounds(contenders, ceilings, device);
            MatmulCeiling.Result ceiling = MatmulCeiling.combine(ceilings);
            Map<Contender, StepMemory> stepMemory = new HashMap<>();
            for (Contender c : contenders) {
                stepMemory.put(c, c.stepMemory());
                if (settings.traceDir() != null) {
                    Path trace = settings.traceDir().resolve(shape.name() + "-" + c.name() + "-step.json").toAbsolutePath();
                    progress.accept("tracing one step of " + c.name() + " into " + trace);
                    try {
                        progress.accept(c.name() + "'s trace: " + c.traceStep(trace));
                    } catch (RuntimeException e) {   // a profile is a bonus: the measured rounds stand without it
                        progress.accept("could not trace " + c.name() + ": " + e.getMessage());
                    }
                }
            }
            Map<Contender, Map<Integer, List<Double>>> samples = sampleRounds(contenders);
            BenchResult.Soak soak = settings.soakSteps() > 0 ? soak(contenders.get(0)) : null;
            List<BenchResult.ContenderResult> results = new ArrayList<>();
            for (Contender c : contenders) {
                Map<Integer, Timings> sampleTimings = new HashMap<>();
                samples.get(c).forEach((n, seconds) -> sampleTimings.put(n, Timings.of(toArray(seconds))));
                results.add(new BenchResult.ContenderResult(c.name(), Timings.of(toArray(steps.get(c))), c.firstLoss(),
                        sampleTimings, c.memory(), stepMemory.get(c)));
            }
            double flops = TrainFlops.perStep(shape, settings.batch(), settings.tokens(), settings.rank());
            return new BenchResult(settings, machine, Machine.loadAverage(), flops, ceiling, results, soak);
        } finally {
            for (Contender c : contenders) {
                c.close();
            }
        }
    }

    /**
     * Train rounds; the matmul ceiling is measured in every round too, under the same load as the steps, on
     * the device the engine computes on and in the type it keeps base matrices in there.
     */
    private Map<Contender, List<Double>> trainRounds(List<Contender> contenders, List<MatmulCeiling.Result> ceilings,
                                                     DeviceSelection device) {
        Map<Contender, List<Double>> steps = new HashMap<>();
        for (Contender c : contenders) {
            progress.accept("warming up " + c.name());
            c.train(WARMUP_STEPS);
            steps.put(c, new ArrayList<>());
        }
        for (int round = 0; round < settings.rounds(); round++) {
            for (Contender c : inRoundOrder(contenders, round)) {
                for (double s : c.train(settings.stepsPerRound())) {
                    steps.get(c).add(s);
                }
            }
            ceilings.add(MatmulCeiling.measure(settings.shape(), (long) settings.batch() * settings.tokens(), 3,
                    device.device(), device.matrixType()));
            progress.accept("train round " + (round + 1) + "/" + settings.rounds() + " (load " + Machine.loadAverage() + ")");
        }
        return steps;
    }

    private Map<Contender, Map<Integer, List<Double>>> sampleRounds(List<Contender> contenders) {
        Map<Contender, Map<Integer, List<Double>>> samples = new HashMap<>();
        for (Contender c : contenders) {
            samples.put(c, new HashMap<>());
            if (settings.sampleRounds() > 0) {
                // warm-up: every count a few times, so both sides are measured in steady state (the JVM's JIT
                // needed about ten generations to settle; one left the 1-sequence number mostly compile time)
                for (int i = 0; i < SAMPLE_WARMUPS; i++) {
                    for (int n : settings.sampleCounts()) {
                        c.sample(n);
                    }
                }
            }
        }
        for (int round = 0; round < settings.sampleRounds(); round++) {
            for (int n : settings.sampleCounts()) {
                for (Contender c : inRoundOrder(contenders, round)) {
                    samples.get(c).computeIfAbsent(n, k -> new ArrayList<>()).add(c.sample(n));
                }
            }
            progress.accept("sampling round " + (round + 1) + "/" + settings.sampleRounds()
                    + " (load " + Machine.loadAverage() + ")");
        }
        return samples;
    }

    /** Whetstone alone for {@code soakSteps} steps: RSS after the first {@value BenchSettings#SOAK_FIRST} and at the end. */
    private BenchResult.Soak soak(Contender ours) {
        long first = 0;
        int tensorsFirst = 0;
        long heapFirst = 0;
        for (int step = 1; step <= settings.soakSteps(); step++) {
            ours.train(1);
            if (step == BenchSettings.SOAK_FIRST) {
                first = ours.memory().rssBytes();
                tensorsFirst = ours.liveTensors();
                heapFirst = Runtime.getRuntime().totalMemory();
            }
            if (step % 100 == 0) {
                progress.accept("soak step " + step + "/" + settings.soakSteps() + ", RSS "
                        + ours.memory().rssBytes() / (1024 * 1024) + " MiB (load " + Machine.loadAverage() + ")");
            }
        }
        return new BenchResult.Soak(settings.soakSteps(), first, ours.memory().rssBytes(), tensorsFirst, ours.liveTensors(),
                heapFirst, Runtime.getRuntime().totalMemory());
    }

    /** Even rounds run the list in order, odd rounds reversed, so neither side always goes first. */
    private static List<Contender> inRoundOrder(List<Contender> contenders, int round) {
        List<Contender> order = new ArrayList<>(contenders);
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
