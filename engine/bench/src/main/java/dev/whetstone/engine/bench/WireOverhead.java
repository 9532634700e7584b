package dev.whetstone.engine.bench;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.server.ServerOptions;
import dev.whetstone.engine.server.WhetstoneServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The cost of the wire: the same train step ({@code forwardBackward} + {@code optimStep}, submitted then joined) and
 * the same single-sequence sampling, in process and through {@code ServiceClient.connect} to a {@code whetstone serve}
 * on loopback (in this JVM, with an engine of its own, so the only difference between the sides is the wire; two
 * clients taking turns on one engine's model are no slower per step, bench/results/2026-12-07-two-clients.md),
 * alternated round by round so both see the same machine load. The two sides must give bit-identical losses and
 * tokens; the ratio of medians is the overhead.
 */
public final class WireOverhead {
    /** The medians of both sides, and whether their numbers agreed. */
    public record Result(Machine machine, String loadBefore, Timings localStep, Timings wireStep, Timings localSample,
                         Timings wireSample, boolean identical) {
        public double stepOverheadPercent() {
            return 100 * (wireStep.median() / localStep.median() - 1);
        }

        public double sampleOverheadPercent() {
            return 100 * (wireSample.median() / localSample.median() - 1);
        }

        /** A Markdown table of the medians and overheads. */
        public String markdown(String commit, String when) {
            return String.format(java.util.Locale.ROOT, "%n### Wire overhead, %s, commit %s%n%n%s, %d cores, load %s before%n%n"
                    + "| measure | in process | ServiceClient.connect (loopback) | overhead |%n|---|---|---|---|%n"
                    + "| train step (median of %d) | %.3f s | %.3f s | %+.1f%% |%n"
                    + "| sample 1 sequence (median of %d) | %.3f s | %.3f s | %+.1f%% |%n%nbit-identical losses and tokens: %s%n",
                    when, commit, machine.cpu(), machine.cores(), loadBefore, localStep.count(), localStep.median(),
                    wireStep.median(), stepOverheadPercent(), localSample.count(), localSample.median(), wireSample.median(),
                    sampleOverheadPercent(), identical ? "yes" : "NO");
        }

        /** The numbers as one JSON line. */
        public String json() {
            return String.format(java.util.Locale.ROOT, "{\"train_step_in_process_s\": %.4f, \"train_step_wire_s\": %.4f, "
                    + "\"train_overhead_percent\": %.2f, \"sample_in_process_s\": %.4f, \"sample_wire_s\": %.4f, "
                    + "\"sample_overhead_percent\": %.2f, \"identical\": %s}", localStep.median(), wireStep.median(),
                    stepOverheadPercent(), localSample.median(), wireSample.median(), sampleOverheadPercent(), identical);
        }
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;

    public WireOverhead(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result run() {
        Machine machine = Machine.now();
        String load = Machine.loadAverage();
        ModelShape shape = settings.shape();
        Path work = settings.workDir();
        progress.accept("writing the synthetic " + shape.name() + " model to " + work);
        Path model = SyntheticModel.write(shape, settings.seed(), work.resolve("model-" + shape.name()));
        BenchData data = BenchData.random(shape, settings.batch(), settings.tokens(), settings.promptTokens(),
                settings.newTokens(), settings.seed());
        List<Datum> batch = WhetstoneContender.datums(data);
        ModelInput prompt = ModelInput.fromInts(data.prompt());
        SamplingParams params = SamplingParams.defaults().withMaxTokens(data.newTokens()).withSeed(1L);
        LoraConfig lora = new LoraConfig(settings.rank(), LoraConfig.DEFAULT_ALPHA, 0L, true, true, false);
        try (ServiceClient local = ServiceClient.local(options(work.resolve("home-local")));
             ServiceClient served = ServiceClient.local(options(work.resolve("home-served")));
             WhetstoneServer server = WhetstoneServer.start(served, work.resolve("home-served"), ServerOptions.loopback(0));
             ServiceClient wire = ServiceClient.connect(server.baseUrl(), null);
             TrainingClient localTraining = local.createLoraTrainingClient(model.toString(), lora);
             TrainingClient wireTraining = wire.createLoraTrainingClient(model.toString(), lora)) {
            progress.accept("serving on " + server.baseUrl() + "; warming up both sides");
            boolean identical = step(localTraining, batch).equals(step(wireTraining, batch));
            identical &= step(localTraining, batch).equals(step(wireTraining, batch));
            List<Double> localSteps = new ArrayList<>();
            List<Double> wireSteps = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                boolean localFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isLocal = (side == 0) == localFirst;
                    for (int s = 0; s < settings.stepsPerRound(); s++) {
                        long start = System.nanoTime();
                        step(isLocal ? localTraining : wireTraining, batch);
                        (isLocal ? localSteps : wireSteps).add((System.nanoTime() - start) / 1e9);
                    }
                }
                progress.accept("train round " + (round + 1) + "/" + settings.rounds() + ": in process "
                        + seconds(localSteps) + ", wire " + seconds(wireSteps));
            }
            SamplingClient localSampler = localTraining.saveWeightsAndGetSamplingClient().join();
            SamplingClient wireSampler = wireTraining.saveWeightsAndGetSamplingClient().join();
            List<Double> localSamples = new ArrayList<>();
            List<Double> wireSamples = new ArrayList<>();
            SampleResponse first = localSampler.sample(prompt, 1, params).join();
            identical &= first.equals(wireSampler.sample(prompt, 1, params).join());
            for (int round = 0; round < settings.sampleRounds() * 2; round++) {
                boolean localFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isLocal = (side == 0) == localFirst;
                    long start = System.nanoTime();
                    (isLocal ? localSampler : wireSampler).sample(prompt, 1, params).join();
                    (isLocal ? localSamples : wireSamples).add((System.nanoTime() - start) / 1e9);
                }
            }
            if (localSampler instanceof AutoCloseable c) {
                c.close();
            }
            return new Result(machine, load, Timings.of(toArray(localSteps)), Timings.of(toArray(wireSteps)),
                    Timings.of(toArray(localSamples)), Timings.of(toArray(wireSamples)), identical);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** One pipelined step; what a user reads from it (the output and the optimizer's metrics). */
    private static List<Object> step(TrainingClient client, List<Datum> batch) {
        CompletableFuture<ForwardBackwardOutput> fb = client.forwardBackward(batch, LossFn.CROSS_ENTROPY);
        CompletableFuture<?> update = client.optimStep(AdamParams.defaults());
        return List.of(fb.join(), update.join());
    }

    private EngineOptions options(Path home) {
        return EngineOptions.builder().home(home).device(settings.device()).threads(settings.threads()).build();
    }

    private static String seconds(List<Double> values) {
        return String.format(java.util.Locale.ROOT, "%.3f s", Timings.of(toArray(values)).median());
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
