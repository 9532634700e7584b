package dev.whetstone.engine.run;

import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM for {@link RunKillTest}: a real supervised run on the real engine that stops at one phase and
 * waits there to be killed. The stop is a pass-through wrapper around the engine's clients that, at the chosen
 * call, prints {@code phase <name>} and blocks (for {@code checkpoint-write} it waits for a line on stdin and then
 * lets the write go on, so the parent can kill it in the middle). Arguments: engine home, run id, steps, phase.
 */
public final class PhasedRunProcess {
    /** Where a run can be killed. */
    enum Phase { BEFORE_FIRST_CHECKPOINT, CHECKPOINT_WRITE, BETWEEN_CHECKPOINTS, PRUNING, EVALUATION }

    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private PhasedRunProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String runId = args[1];
        Phase phase = Phase.valueOf(args[3]);
        try (ServiceClient real = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            ServiceClient service = wrap(ServiceClient.class, real, phase, home.resolve("runs").resolve(runId));
            RunHandle run = new RunSupervisor(service, home).start(RunKillTest.config(runId, Integer.parseInt(args[2])), RunKillTest.data());
            run.completion().join();
            System.out.println("completed without reaching " + phase);
        }
    }

    /** {@code target} behind a proxy that stops at {@code phase}; clients and stores it hands out are wrapped too. */
    @SuppressWarnings("unchecked")
    static <T> T wrap(Class<T> type, T target, Phase phase, Path runDir) {
        AtomicInteger forwardBackwards = new AtomicInteger();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (phase == Phase.BEFORE_FIRST_CHECKPOINT && name.equals("saveState") && "000000".equals(args[0])) {
                stopHere(phase);
            } else if (phase == Phase.CHECKPOINT_WRITE && name.equals("saveState") && "000000".equals(args[0])) {
                Files.createDirectories(runDir.resolve("weights"));
                announce(phase);
                STDIN.readLine();   // the parent watches the folder now: let the write begin
            } else if (phase == Phase.BETWEEN_CHECKPOINTS && name.equals("forwardBackward") && forwardBackwards.incrementAndGet() == 8) {
                stopHere(phase);
            } else if (phase == Phase.PRUNING && name.equals("delete") && String.valueOf(args[0]).contains("/sampler_weights/000000")
                    && !Files.exists(runDir.resolve("weights/000000"))) {
                stopHere(phase);  // retention deleted the training state of 000000, its sampler weights not yet
            } else if (phase == Phase.EVALUATION && name.equals("forward")) {
                stopHere(phase);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof TrainingClient client && method.getReturnType() == TrainingClient.class) {
                return wrap(TrainingClient.class, client, phase, runDir);
            }
            if (result instanceof CheckpointStore store && method.getReturnType() == CheckpointStore.class) {
                return wrap(CheckpointStore.class, store, phase, runDir);
            }
            return result;
        });
    }

    private static void announce(Phase phase) {
        System.out.println("phase " + phase);
        System.out.flush();
    }

    /** Says where it is and blocks the run's thread until the process is killed. */
    private static void stopHere(Phase phase) {
        announce(phase);
        try {
            while (STDIN.readLine() != null) {
                // the parent kills this process; it never writes a line here
            }
            new CountDownLatch(1).await();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
