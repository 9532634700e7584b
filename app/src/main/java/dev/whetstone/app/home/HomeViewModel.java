package dev.whetstone.app.home;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Home pane: environment status (device, native library, free disk, Java) with what to do when
 * something is missing, and the most recent runs. Everything slow runs off the FX thread.
 *
 * <p>Example: {@code home.showCapabilities(caps); home.refresh();}
 */
public final class HomeViewModel {
    /** Runs listed on Home; the Runs pane lists them all. */
    static final int RECENT_RUNS = 5;
    static final String STARTER_NOTE = "The starter: a tiny chat model trained by Whetstone itself and a skill it does"
            + " not have yet (naming what kind of thing a word is). It fine-tunes offline in about a minute on a laptop CPU.";

    private Runnable starterAction = () -> { };
    private Runnable preferenceAction = () -> { };
    private final Background background;
    private final CheckpointStore checkpoints;
    private final Path engineHome;
    private final ObservableList<EnvironmentCheck> checks = FXCollections.observableArrayList(
            EnvironmentCheck.checking(EnvironmentChecks.DEVICE), EnvironmentCheck.checking(EnvironmentChecks.NATIVE),
            EnvironmentCheck.checking(EnvironmentChecks.DISK), EnvironmentChecks.java());
    private final ObservableList<TrainingRun> recentRuns = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runsMessage = new ReadOnlyStringWrapper("Looking for runs…");

    /** Home over the runs in {@code checkpoints} and the disk holding {@code engineHome}. */
    public HomeViewModel(Background background, CheckpointStore checkpoints, Path engineHome) {
        this.background = Objects.requireNonNull(background, "background");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.engineHome = Objects.requireNonNull(engineHome, "engineHome");
    }

    /** Fills the device and native library lines once the engine reports them. */
    public CompletableFuture<Void> showCapabilities(CompletableFuture<ServerCapabilities> capabilities) {
        return background.whenDone(capabilities, caps -> {
            replace(EnvironmentChecks.device(caps));
            replace(EnvironmentChecks.nativeLibrary(caps));
        }, error -> {
            replace(EnvironmentChecks.engineFailed(EnvironmentChecks.DEVICE, error));
            replace(EnvironmentChecks.engineFailed(EnvironmentChecks.NATIVE, error));
        });
    }

    /** Re-reads the free disk and the recent runs. */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> disk = background.run(this::freeBytes,
                free -> replace(EnvironmentChecks.disk(free)),
                error -> replace(EnvironmentChecks.diskFailed(engineHome, error)));
        CompletableFuture<Void> runs = background.run(checkpoints::listRuns, this::showRuns,
                error -> runsMessage.set("Could not list the runs under " + engineHome.resolve("runs") + ": "
                        + error.getMessage()));
        return CompletableFuture.allOf(disk, runs);
    }

    private void showRuns(List<TrainingRun> runs) {
        recentRuns.setAll(runs.subList(0, Math.min(RECENT_RUNS, runs.size())));
        runsMessage.set(runs.isEmpty() ? "No runs yet. Runs you start appear here, newest first."
                : runs.size() > RECENT_RUNS ? "The " + RECENT_RUNS + " newest of " + runs.size() + " runs." : "");
    }

    private long freeBytes() {
        try {
            Files.createDirectories(engineHome);
            return Files.getFileStore(engineHome).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replace(EnvironmentCheck check) {
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).name().equals(check.name())) {
                checks.set(i, check);
                return;
            }
        }
        checks.add(check);
    }

    /** Device, native library, disk and Java, in that order. */
    public ObservableList<EnvironmentCheck> checks() {
        return checks;
    }

    /** The newest runs, at most {@value #RECENT_RUNS}. */
    public ObservableList<TrainingRun> recentRuns() {
        return recentRuns;
    }

    /** A line about the runs list: none yet, how many, or why it could not be read. */
    public ReadOnlyStringProperty runsMessage() {
        return runsMessage.getReadOnlyProperty();
    }

    /** "Engine home: /home/me/.whetstone". */
    public String engineHomeLine() {
        return "Engine home: " + engineHome;
    }

    /** Whether "Fine-tune the starter" can start: the starter model and its skill datasets ship with the app. */
    public boolean starterAvailable() {
        return true;
    }

    /** What "Fine-tune the starter" does (the composition root installs the starter and opens the wizard). */
    public void onFineTuneStarter(Runnable action) {
        this.starterAction = java.util.Objects.requireNonNull(action, "action");
    }

    /** The "Fine-tune the starter" command. */
    public void fineTuneStarter() {
        starterAction.run();
    }

    /** What "Preference-tune it (DPO)" does (the composition root installs the starter's pairs and opens the wizard). */
    public void onPreferenceTuneStarter(Runnable action) {
        this.preferenceAction = java.util.Objects.requireNonNull(action, "action");
    }

    /** The "Preference-tune it (DPO)" command. */
    public void preferenceTuneStarter() {
        preferenceAction.run();
    }

    /** What the starter is. */
    public String starterNote() {
        return STARTER_NOTE;
    }
}
