package dev.whetstone.engine.local;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import dev.whetstone.engine.model.FloatTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The golden checks of {@link GoldenTrainingTest} on any device and matrix type, reported as errors against
 * PyTorch's float64 reference instead of asserted at float32's 1e-5: the check a GPU run makes (float16
 * matrices, bench/gpu/run.sh), and {@link GoldenFloat16Test} makes on the CPU.
 *
 * <pre>java -cp whetstone.jar:test-classes dev.whetstone.engine.local.GoldenOnDevice GOLDEN_DIR cuda</pre>
 * prints one line per case and exits 1 when an error passes {@link Errors#TOLERANCES}.
 */
public final class GoldenOnDevice {
    private GoldenOnDevice() {
    }

    /**
     * The largest errors of one case.
     *
     * @param logprob    forward logprobs, max absolute error
     * @param loss       summed loss, error relative to max(1, |loss|)
     * @param gradient   LoRA gradients, max absolute error relative to the tensor's max |value|
     * @param trajectory the loss and gradient norm over the AdamW trajectory (weight decay and clipping on),
     *                   max error relative to the trajectory's largest value
     * @param weights    the adapter after the trajectory, as {@code gradient} measures it; reported, not
     *                   limited: Adam's normalised step turns rounding noise in a near-zero gradient into a
     *                   whole learning-rate step (0.05-0.23 of the largest weight in float16 on the CPU)
     */
    public record Errors(double logprob, double loss, double gradient, double trajectory, double weights) {
        /**
         * float16 matrices: 10 bits of mantissa (≈ 5e-4 relative per rounding) through a few layers. Measured
         * on the CPU (GoldenFloat16Test): logprobs ≤ 6.5e-3, loss ≤ 1.6e-4, gradients ≤ 5.4e-3; about 3× margin.
         */
        public static final Errors TOLERANCES = new Errors(2e-2, 1e-3, 2e-2, 2e-2, Double.POSITIVE_INFINITY);

        boolean within(Errors limit) {
            return logprob <= limit.logprob && loss <= limit.loss && gradient <= limit.gradient
                    && trajectory <= limit.trajectory && weights <= limit.weights;
        }
    }

    /** Runs the three golden checks of {@code golden} on {@code device}; {@code home} takes the run record. */
    static Errors check(GoldenCase golden, DeviceSelection device, Path home) {
        BaseModel model = BaseModel.load(golden.name(), golden.model(), device, () -> { });
        Errors errors;
        try (LocalTrainingClient client = LocalTrainingClient.create(model, new LocalCheckpointStore(home), "golden-"
                + golden.name(), LoraConfig.ofRank(4).withSeed(0L), 0L, null)) {
            client.loadState(golden.adapter().toString()).join();
            List<Datum> data = golden.datums();
            ForwardBackwardOutput out = client.forwardBackward(data, LossFn.CROSS_ENTROPY).join();
            double logprob = 0;
            List<double[]> expected = golden.perDatum("logprobs");
            for (int i = 0; i < expected.size(); i++) {
                double[] actual = out.lossFnOutputs().get(i).get("logprobs").toDoubles();
                for (int j = 0; j < actual.length; j++) {
                    logprob = Math.max(logprob, Math.abs(actual[j] - expected.get(i)[j]));
                }
            }
            double lossRef = golden.expected().get("loss_sum").asDouble();
            double loss = Math.abs(out.metrics().get("loss:sum") - lossRef) / Math.max(1, Math.abs(lossRef));
            double gradient = worst(TrainingProbe.gradients(client).join(),
                    GoldenCase.tensors(golden.dir().resolve("expected_grads.safetensors")));
            var losses = golden.expected().get("trajectory").get("loss_sum");
            var norms = golden.expected().get("trajectory").get("grad_norm");
            double lossScale = 0;
            double normScale = 0;
            for (int step = 0; step < golden.steps(); step++) {
                lossScale = Math.max(lossScale, Math.abs(losses.get(step).asDouble()));
                normScale = Math.max(normScale, Math.abs(norms.get(step).asDouble()));
            }
            double trajectory = 0;
            for (int step = 0; step < golden.steps(); step++) {
                double stepLoss = step == 0 ? out.metrics().get("loss:sum")
                        : client.forwardBackward(data, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
                double norm = client.optimStep(golden.adam()).join().metrics().get("grad_norm:mean");
                trajectory = Math.max(trajectory, Math.abs(stepLoss - losses.get(step).asDouble()) / lossScale);
                trajectory = Math.max(trajectory, Math.abs(norm - norms.get(step).asDouble()) / normScale);
            }
            double weights = worst(TrainingProbe.weights(client).join(),
                    GoldenCase.tensors(golden.dir().resolve("final_adapter.safetensors")));
            errors = new Errors(logprob, loss, gradient, trajectory, weights);
        }
        return errors;
    }

    /** The largest of each tensor's max |actual - expected| / max |expected|. */
    private static double worst(Map<String, FloatTensor> actual, Map<String, FloatTensor> expected) {
        double worst = 0;
        for (Map.Entry<String, FloatTensor> e : expected.entrySet()) {
            FloatTensor a = actual.get(e.getKey());
            FloatTensor x = e.getValue();
            if (a == null) {
                return Double.POSITIVE_INFINITY;
            }
            double scale = 0;
            double error = 0;
            for (int i = 0; i < x.size(); i++) {
                scale = Math.max(scale, Math.abs(x.at(i)));
                error = Math.max(error, Math.abs(a.at(i) - x.at(i)));
            }
            worst = Math.max(worst, scale == 0 ? error : error / scale);
        }
        return worst;
    }

    /** Arguments: the golden folder, the device ("cuda", "cpu"), and optionally "float16" to force it on the CPU. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        DeviceSelection chosen = DeviceSelection.choose(args[1]);
        DeviceSelection device = args.length > 2 && args[2].equals("float16")
                ? new DeviceSelection(chosen.device(), chosen.description() + ", forced", chosen.flavor(),
                        ai.djl.ndarray.types.DataType.FLOAT16)
                : chosen;
        Path home = Files.createTempDirectory("golden-home");
        boolean ok = true;
        System.out.printf(Locale.ROOT, "golden numerics on %s, frozen matrices %s; limits %s%n", device.description(),
                device.matrixType(), Errors.TOLERANCES);
        for (String name : GoldenCase.NAMES) {
            Errors e = check(GoldenCase.load(root, name), device, home);
            boolean within = e.within(Errors.TOLERANCES);
            ok &= within;
            System.out.printf(Locale.ROOT, "%-28s logprob %.2e  loss %.2e  grad %.2e  trajectory %.2e  (final weights %.2e)  %s%n",
                    name, e.logprob(), e.loss(), e.gradient(), e.trajectory(), e.weights(), within ? "ok" : "OUT OF TOLERANCE");
        }
        System.exit(ok ? 0 : 1);
    }
}
