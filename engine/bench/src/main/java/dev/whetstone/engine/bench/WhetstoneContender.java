package dev.whetstone.engine.bench;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.local.DeviceSelection;
import dev.whetstone.engine.local.LocalTrainingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Whetstone's side, through the public Tinker API only: {@code forwardBackward(cross_entropy)} +
 * {@code optimStep} per train step (both submitted, then joined, as a Tinker client pipelines them),
 * and {@code sample} on a snapshot of the adapter with the KV cache.
 */
public final class WhetstoneContender implements Contender {
    private final ServiceClient service;
    private final DeviceSelection device;
    private final LocalTrainingClient training;
    private final SamplingClient sampler;
    private final List<Datum> batch;
    private final ModelInput prompt;
    private final int newTokens;
    private double firstLoss = Double.NaN;

    /** Loads {@code model} on {@code device} with {@code threads} native threads and a rank-{@code rank} adapter. */
    public WhetstoneContender(Path model, BenchData data, Path home, DeviceSelection device, int threads, int rank) {
        this.device = device;
        String name = device.device().isGpu() ? "cuda:" + device.device().getDeviceId() : "cpu";
        this.service = ServiceClient.local(EngineOptions.builder().home(home).device(name).threads(threads).build());
        this.training = (LocalTrainingClient) service.createLoraTrainingClient(model.toString(),
                new LoraConfig(rank, LoraConfig.DEFAULT_ALPHA, 0L, true, true, false));
        this.sampler = training.saveWeightsAndGetSamplingClient().join();
        this.batch = datums(data);
        this.prompt = ModelInput.fromInts(data.prompt());
        this.newTokens = data.newTokens();
    }

    /** The benchmark batch as Tinker datums: each sequence's tokens shifted by one as targets, weights 1. */
    static List<Datum> datums(BenchData data) {
        List<Datum> datums = new ArrayList<>();
        for (int i = 0; i < data.batch(); i++) {
            long[] row = data.sequence(i);
            int[] input = new int[row.length - 1];
            for (int t = 0; t < input.length; t++) {
                input[t] = (int) row[t];
            }
            float[] weights = new float[input.length];
            Arrays.fill(weights, 1f);
            datums.add(new Datum(ModelInput.fromInts(input), Map.of(
                    "target_tokens", TensorData.ofLongs(Arrays.copyOfRange(row, 1, row.length)),
                    "weights", TensorData.ofFloats(weights))));
        }
        return List.copyOf(datums);
    }

    @Override
    public String name() {
        return "whetstone";
    }

    @Override
    public double[] train(int steps) {
        double[] seconds = new double[steps];
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            CompletableFuture<ForwardBackwardOutput> fb = training.forwardBackward(batch, LossFn.CROSS_ENTROPY);
            CompletableFuture<?> step = training.optimStep(AdamParams.defaults());
            ForwardBackwardOutput out = fb.join();
            step.join();
            seconds[s] = (System.nanoTime() - start) / 1e9;
            if (Double.isNaN(firstLoss)) {
                firstLoss = out.metrics().get("loss:sum") / ((double) batch.size() * (batch.get(0).modelInput().length()));
            }
        }
        return seconds;
    }

    @Override
    public double firstLoss() {
        return firstLoss;
    }

    @Override
    public double sample(int numSequences) {
        SamplingParams params = SamplingParams.defaults().withMaxTokens(newTokens).withIgnoreEos(true).withSeed(1L);
        long start = System.nanoTime();
        sampler.sample(prompt, numSequences, params).join();
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public int liveTensors() {
        return training.heldMemory().join().tensors();
    }

    /** Cached blocks released, one step, then the driver's count of what the step made the device use. */
    @Override
    public StepMemory stepMemory() {
        device.releaseCachedMemory();
        long before = DeviceMemory.usedBytes(device.device());
        long held = training.heldMemory().join().totalBytes();
        train(1);
        long after = DeviceMemory.usedBytes(device.device());
        return new StepMemory(held, before < 0 || after < 0 ? -1 : after - before + held, -1, -1);
    }

    @Override
    public String traceStep(Path file) {
        CompletableFuture<Boolean> cuda = training.startProfiler();
        train(1);
        training.stopProfiler(file).join();
        return cuda.join() ? "libtorch's profiler with CUDA timings" : "libtorch's profiler, host timings";
    }

    @Override
    public ProcessMemory memory() {
        return ProcessMemory.self();
    }

    @Override
    public void close() {
        try (ServiceClient s = service; LocalTrainingClient t = training) {
            if (sampler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not close the benchmark's clients", e);
        }
    }
}
