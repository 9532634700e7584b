package dev.whetstone.app.engine;

import dev.whetstone.app.fx.HeldUntilOpen;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.EngineLostException;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.checkpoint.TinkerPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine the app (or a command) uses, whichever was chosen — in this process, the app's own engine process,
 * or a remote engine — as one {@link ServiceClient} that stays the same object while engines come and go. It opens
 * the engine in the background (nothing blocks on it until a call needs it), reports where it stands
 * ({@link EngineStatus}), and when its own engine process ends unexpectedly it says why, fails every call waiting
 * on it with an {@link EngineLostException} (so the run supervisor resumes from its last checkpoint) and starts a
 * new one; after {@value #MAX_LOSSES} losses within {@link #LOSS_WINDOW} it stops restarting and says so.
 *
 * <p>{@code try (ChosenEngine engine = ChosenEngine.open(EngineChoice.process(), null, options, System.getenv())) { ... }}
 */
public final class ChosenEngine implements ServiceClient {
    static final int MAX_LOSSES = 3;
    static final Duration LOSS_WINDOW = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Logger LOG = LoggerFactory.getLogger(ChosenEngine.class);

    private final EngineOptions options;
    private final Map<String, String> env;
    private final LocalTokenizers tokenizers;
    private final ExecutorService opening = Executors.newSingleThreadExecutor(daemon("whetstone-engine-start"));
    private final HeldUntilOpen openingGate = new HeldUntilOpen(opening);
    private final ExecutorService calls = Executors.newCachedThreadPool(daemon("whetstone-engine-call"));
    private final CheckpointStore checkpoints = new GuardedCheckpointStore(this::engine);
    private final List<Consumer<EngineStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Instant> losses = new ArrayDeque<>();
    private final EngineReachability reachability = new EngineReachability();
    private EngineChoice choice;
    private String apiKey;
    private CompletableFuture<OpenedEngine> current;
    private volatile EngineStatus status;
    private boolean closed;
    private volatile boolean openingBegun;

    private ChosenEngine(EngineOptions options, Map<String, String> env) {
        this.options = options;
        this.env = Map.copyOf(env);
        this.tokenizers = new LocalTokenizers(options.home(), env, Path.of(System.getProperty("user.home")));
    }

    /**
     * Starts opening {@code choice} and returns at once.
     *
     * @param apiKey the remote engine's key, or null (the engine process makes its own)
     * @param env    the environment the app runs with (where the Hugging Face cache is)
     */
    public static ChosenEngine open(EngineChoice choice, String apiKey, EngineOptions options, Map<String, String> env) {
        ChosenEngine engine = openLater(choice, apiKey, options, env);
        engine.beginOpening();
        return engine;
    }

    /**
     * Like {@link #open}, but the engine starts opening only at {@link #beginOpening()}; calls made meanwhile wait.
     * The app begins after its window's first frame: loading libtorch (half a second of CPU) would otherwise
     * compete with drawing the window on a two-core machine.
     */
    public static ChosenEngine openLater(EngineChoice choice, String apiKey, EngineOptions options, Map<String, String> env) {
        ChosenEngine engine = new ChosenEngine(options, env);
        engine.switchTo(choice, apiKey);
        return engine;
    }

    /** Lets the engine given to {@link #openLater} start opening; calling it again, or after close, does nothing. */
    public synchronized void beginOpening() {
        if (closed) {
            return;
        }
        openingBegun = true;
        openingGate.open();
    }

    /** Closes the engine in use and opens {@code next} (in the background); calls made meanwhile wait for it. */
    public synchronized void switchTo(EngineChoice next, String key) {
        CompletableFuture<OpenedEngine> old = current;
        choice = next;
        apiKey = key;
        losses.clear();
        if (old != null && !openingBegun) {
            old.cancel(false);                         // still held: it never opens
        } else if (old != null) {
            old.thenAccept(OpenedEngine::shutdown);   // a retired engine's end is not a loss: it is no longer current
        }
        current = start(next, key, "");
    }

    /** The engine chosen now. */
    public synchronized EngineChoice choice() {
        return choice;
    }

    /** Completes when the engine chosen now is open (or fails with why it cannot be). */
    public synchronized CompletableFuture<Void> ready() {
        return current.thenApply(e -> null);
    }

    /** Where the engine stands now. */
    public EngineStatus status() {
        return status;
    }

    /** Calls {@code listener} with the status now and after each change, on the thread that changed it. */
    public void onStatus(Consumer<EngineStatus> listener) {
        listeners.add(listener);
        EngineStatus now = status;
        if (now != null) {
            listener.accept(now);
        }
    }

    /** Checks that the engine answers (an HTTP round trip for an engine behind the wire); safe on any thread. */
    public void probe() {
        CompletableFuture<OpenedEngine> f;
        synchronized (this) {
            f = current;
        }
        OpenedEngine engine = f == null ? null : f.getNow(null);
        EngineStatus now = status;
        if (engine == null || engine.baseUrl() == null || engine.isLost() || now == null
                || (now.phase() != EngineStatus.Phase.REACHABLE && now.phase() != EngineStatus.Phase.UNREACHABLE)) {
            return;
        }
        boolean answers = reachability.answers(engine.baseUrl());
        EngineStatus.Phase phase = answers ? EngineStatus.Phase.REACHABLE : EngineStatus.Phase.UNREACHABLE;
        if (phase != now.phase()) {
            publish(now.with(phase, answers ? "The engine answers again." : "The engine at " + engine.baseUrl()
                    + " does not answer; calls are retried for up to five minutes."));
        }
    }

    private CompletableFuture<OpenedEngine> start(EngineChoice next, String key, String after) {
        publish(new EngineStatus(next.label(), after.isEmpty() ? EngineStatus.Phase.STARTING : EngineStatus.Phase.RESTARTING, null,
                after + (next.kind() == EngineKind.REMOTE ? "Connecting to " + next.remoteUrl() + "…" : "Starting the engine…")));
        CompletableFuture<OpenedEngine> opened = CompletableFuture.supplyAsync(() -> openEngine(next, key), openingGate);
        opened.whenComplete((engine, error) -> {
            if (error instanceof CancellationException) {
                return;                                    // held and never opened (closed or switched away first)
            }
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                publish(new EngineStatus(next.label(), EngineStatus.Phase.FAILED, null, after + cause.getMessage()));
                return;
            }
            String device = deviceOf(engine);
            publish(new EngineStatus(next.label(), EngineStatus.Phase.REACHABLE, device,
                    after + (after.isEmpty() ? "" : "A new " + engine.name() + " took over at " + LocalTime.now()
                            .truncatedTo(ChronoUnit.SECONDS) + ".")));
            engine.ended().thenAccept(reason -> lost(engine, reason));
        });
        return opened;
    }

    private OpenedEngine openEngine(EngineChoice next, String key) {
        switch (next.kind()) {
            case IN_PROCESS: {
                ServiceClient local = ServiceClient.local(options);
                return new OpenedEngine(local, null, "engine in this process", false, new CompletableFuture<>(), local::close, calls);
            }
            case PROCESS: {
                EngineProcess process = EngineProcess.start(options, env, START_TIMEOUT);
                ServiceClient client;
                try {
                    client = ServiceClient.connect(process.baseUrl(), process.apiKey());
                } catch (RuntimeException e) {
                    process.close();
                    throw e;
                }
                CompletableFuture<String> ended = process.exit().thenApply(code -> "The engine process (pid " + process.pid()
                        + ") " + EngineExit.describe(code) + ". Its log: " + process.log() + ".");
                return new OpenedEngine(client, process.baseUrl(), "engine process (pid " + process.pid() + ")", true, ended, () -> {
                    closeQuietly(client);
                    process.close();
                }, calls);
            }
            default: {
                ServiceClient remote = ServiceClient.connect(next.remoteUri(), key);
                return new OpenedEngine(remote, next.remoteUri(), "remote engine", true, new CompletableFuture<>(),
                        () -> closeQuietly(remote), calls);
            }
        }
    }

    /** The engine ended on its own: fail what waits on it, then start a new one if this is our own engine process. */
    private void lost(OpenedEngine engine, String reason) {
        boolean restart;
        String message;
        synchronized (this) {
            if (closed || current == null || current.getNow(null) != engine) {
                return;                                   // closed or switched away on purpose
            }
            Instant now = Instant.now();
            losses.addLast(now);
            while (!losses.isEmpty() && losses.peekFirst().isBefore(now.minus(LOSS_WINDOW))) {
                losses.removeFirst();
            }
            restart = choice.kind() == EngineKind.PROCESS && losses.size() < MAX_LOSSES;
            message = reason + (restart ? " Starting a new one; a run in progress resumes from its last checkpoint. "
                    : " It stopped " + losses.size() + " times within " + LOSS_WINDOW.toMinutes() + " minutes, so Whetstone "
                    + "stopped restarting it; choose the engine again in Settings to retry. ");
            current = restart ? start(choice, apiKey, message) : CompletableFuture.failedFuture(new WorkbenchException(message));
        }
        LOG.warn(message);
        engine.lose(new EngineLostException(message, restart));
        if (!restart) {
            publish(new EngineStatus(choice.label(), EngineStatus.Phase.FAILED, null, message));
        }
        calls.execute(engine::shutdown);
    }

    private String deviceOf(OpenedEngine engine) {
        try {
            String device = engine.client().getServerCapabilities().device();
            return engine.baseUrl() == null ? device : device.replace(" at " + engine.baseUrl(), "");
        } catch (RuntimeException e) {
            LOG.debug("the engine did not report its device", e);
            return null;
        }
    }

    private void publish(EngineStatus next) {
        status = next;
        listeners.forEach(l -> l.accept(next));
    }

    /** The open engine, waiting while it starts; fails with why it could not be opened. */
    private OpenedEngine engine() {
        CompletableFuture<OpenedEngine> f;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the engine was closed");
            }
            f = current;
        }
        return OpenedEngine.join(f);
    }

    private TrainingClient training(OpenedEngine e, TrainingClient client, String baseModel) {
        return new GuardedTrainingClient(e, client, baseModel, tokenizers::forModel);
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createLoraTrainingClient(baseModel, lora)), baseModel);
    }

    @Override
    public TrainingClient createLoraTrainingClient(String baseModel, LoraConfig lora, String runId) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createLoraTrainingClient(baseModel, lora, runId)), baseModel);
    }

    @Override
    public TrainingClient createFullTrainingClient(String baseModel, String runId) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createFullTrainingClient(baseModel, runId)), baseModel);
    }

    @Override
    public CompletableFuture<TrainingClient> createLoraTrainingClientAsync(String baseModel, LoraConfig lora) {
        return CompletableFuture.supplyAsync(() -> createLoraTrainingClient(baseModel, lora), calls);
    }

    @Override
    public TrainingClient createTrainingClientFromState(String path) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createTrainingClientFromState(path)), null);
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateAsync(String path) {
        return CompletableFuture.supplyAsync(() -> createTrainingClientFromState(path), calls);
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createTrainingClientFromStateWithOptimizer(path)), null);
    }

    @Override
    public CompletableFuture<TrainingClient> createTrainingClientFromStateWithOptimizerAsync(String path) {
        return CompletableFuture.supplyAsync(() -> createTrainingClientFromStateWithOptimizer(path), calls);
    }

    @Override
    public TrainingClient createTrainingClientFromStateWithOptimizer(String path, String runId) {
        OpenedEngine e = engine();
        return training(e, e.call(() -> e.client().createTrainingClientFromStateWithOptimizer(path, runId)), null);
    }

    @Override
    public SamplingClient createSamplingClient(String modelPathOrBaseModel) {
        OpenedEngine e = engine();
        SamplingClient client = e.call(() -> e.client().createSamplingClient(modelPathOrBaseModel));
        return new GuardedSamplingClient(e, client, () -> baseModelOf(modelPathOrBaseModel), tokenizers::forModel);
    }

    @Override
    public CompletableFuture<SamplingClient> createSamplingClientAsync(String modelPathOrBaseModel) {
        return CompletableFuture.supplyAsync(() -> createSamplingClient(modelPathOrBaseModel), calls);
    }

    /** The base model of a {@code tinker://} checkpoint (its run's), or the argument itself. */
    private String baseModelOf(String modelPathOrBaseModel) {
        if (!TinkerPath.isTinkerPath(modelPathOrBaseModel)) {
            return modelPathOrBaseModel;
        }
        String runId = TinkerPath.parse(modelPathOrBaseModel).runId();
        return checkpoints.listRuns().stream().filter(r -> r.trainingRunId().equals(runId)).map(TrainingRun::baseModel)
                .findFirst().orElseThrow(() -> new WorkbenchException("the engine does not know run " + runId + " of "
                        + modelPathOrBaseModel + ", so its tokenizer cannot be chosen"));
    }

    @Override
    public ServerCapabilities getServerCapabilities() {
        OpenedEngine e = engine();
        return e.call(() -> e.client().getServerCapabilities());
    }

    @Override
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Closes the engine (and stops the engine process) and waits up to 30 s for that. */
    @Override
    public void close() {
        CompletableFuture<OpenedEngine> last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
        }
        if (!openingBegun && last != null) {
            last.cancel(false);   // never began opening: nothing to shut, nothing to wait for
        }
        CompletableFuture<Void> shut = last == null ? CompletableFuture.completedFuture(null)
                : last.thenAccept(OpenedEngine::shutdown).exceptionally(error -> null);
        try {
            shut.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The engine did not close within 30 s", e);
        }
        opening.shutdownNow();
        calls.shutdownNow();
        tokenizers.close();
    }

    private static void closeQuietly(ServiceClient client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the engine's client failed", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
