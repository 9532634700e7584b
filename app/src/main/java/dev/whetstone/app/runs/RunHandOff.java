package dev.whetstone.app.runs;

import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineKind;
import dev.whetstone.app.engine.ThisProgram;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.spi.RemoteEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What becomes of runs still training when the window closes: each is saved and paused, so that nothing is lost
 * and Runs offers Resume next time; and, only if the user chose to keep it going, a background
 * {@code whetstone runs resume} on the same engine continues it at once, outliving the window (its output in
 * {@code runs/<id>.resume.log}).
 *
 * <p>{@code handOff.saveAndPause(run).thenRun(() -> handOff.continueInBackground(run.runId()))}
 */
public final class RunHandOff {
    private final Path home;
    private final EngineChoice engine;
    private final String apiKey;

    /** Hands runs of engine home {@code home} to {@code engine} ({@code apiKey} for a remote one, else null). */
    public RunHandOff(Path home, EngineChoice engine, String apiKey) {
        this.home = home;
        this.engine = engine;
        this.apiKey = apiKey;
    }

    /** The runs started in this window that are still training. */
    public static List<RunHandle> active(RunningRuns runs) {
        return runs.all().stream().filter(r -> !r.completion().isDone()).toList();
    }

    /** Asks {@code run} to save a checkpoint and pause; completes once its journal shows both (or the run ended). */
    public CompletableFuture<Void> saveAndPause(RunHandle run) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong before = new AtomicLong(-1);
        AtomicBoolean asked = new AtomicBoolean();
        AtomicBoolean saved = new AtomicBoolean();
        run.onEvent(entry -> {
            if (!asked.get()) {
                before.accumulateAndGet(entry.seq(), Math::max);   // the journal so far, replayed first
            } else if (entry.seq() > before.get() && entry.event() instanceof RunEvent.CheckpointSaved) {
                saved.set(true);
            } else if (entry.seq() > before.get() && saved.get() && entry.event() instanceof RunEvent.RunPaused) {
                done.complete(null);
            }
        });
        asked.set(true);
        run.completion().whenComplete((outcome, error) -> done.complete(null));
        run.controls().saveNow();
        run.controls().pause();
        return done;
    }

    /** Starts {@code whetstone runs resume runId} on this engine in a process of its own, which outlives this one. */
    public void continueInBackground(String runId) throws IOException {
        Path log = home.resolve("runs").resolve(runId + ".resume.log");
        Files.createDirectories(log.getParent());
        String engineFlag = engine.kind() == EngineKind.REMOTE ? engine.remoteUrl() : engine.kind().cliName();
        ProcessBuilder child = ThisProgram.current().processBuilder(List.of(), "runs", "resume", runId,
                "--home", home.toString(), "--engine", engineFlag).redirectErrorStream(true).redirectOutput(log.toFile());
        if (apiKey != null) {
            child.environment().put(RemoteEngines.API_KEY_ENV, apiKey);
        }
        child.start();
    }
}
