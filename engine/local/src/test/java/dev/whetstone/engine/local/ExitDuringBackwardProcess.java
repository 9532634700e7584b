package dev.whetstone.engine.local;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A separate JVM for {@link ExitDuringBackwardTest}: queues large training steps on a model, waits until its
 * device thread is inside libtorch's backward, prints {@code in backward} and then either exits
 * ({@code exit}) or waits to be terminated ({@code wait}). Arguments: model folder, home, mode.
 */
public final class ExitDuringBackwardProcess {
    private ExitDuringBackwardProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        ServiceClient service = ServiceClient.local(EngineOptions.builder().home(Path.of(args[1])).device("cpu").build());
        TrainingClient training = service.createLoraTrainingClient(model.toString(), LoraConfig.ofRank(8));
        List<Datum> batch = batch(96, 127);
        for (int i = 0; i < 20; i++) {
            training.forwardBackward(batch, LossFn.CROSS_ENTROPY);   // never joined: the JVM exits under them
        }
        awaitBackward();
        System.out.println("in backward");
        System.out.flush();
        if (args[2].equals("exit")) {
            System.exit(0);
        }
        LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(5));
    }

    /** Returns once a device thread's innermost frame is libtorch's backward. */
    private static void awaitBackward() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                StackTraceElement[] stack = e.getValue();
                if (e.getKey().getName().startsWith("whetstone-device-") && stack.length > 0
                        && stack[0].getMethodName().equals("torchBackward")) {
                    return;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new IllegalStateException("the device thread never entered backward");
    }

    private static List<Datum> batch(int size, int length) {
        SplittableRandom random = new SplittableRandom(1);
        List<Datum> batch = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            int[] input = new int[length];
            int[] targets = new int[length];
            float[] weights = new float[length];
            for (int i = 0; i < length; i++) {
                input[i] = random.nextInt(120);
                targets[i] = random.nextInt(120);
                weights[i] = 1;
            }
            batch.add(new Datum(ModelInput.fromInts(input),
                    Map.of("target_tokens", TensorData.ofInts(targets), "weights", TensorData.ofFloats(weights))));
        }
        return batch;
    }
}
