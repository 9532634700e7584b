package dev.whetstone.app.shell;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.engine.ChosenEngine;
import dev.whetstone.app.engine.EngineStatus;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.engine.ServerCapabilities;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar: the device the engine computes on and why, and the memory in use (the background tasks
 * are {@code tasks.BackgroundTasks}).
 * Memory is sampled by a timer thread and reaches the FX thread as a latest value.
 *
 * <p>Example: {@code status.showDevice(capabilitiesFuture); ticker.scheduleAtFixedRate(status::sampleMemory, ...)}
 */
public final class StatusBarViewModel {
    private static final long MIB = 1024 * 1024;

    private final Background background;
    private final Runtime runtime;
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("Device: detecting…");
    private final ReadOnlyStringWrapper deviceDetail = new ReadOnlyStringWrapper("Asking the engine which device it uses");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("Memory: …");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("Engine: …");
    private final ReadOnlyStringWrapper engineDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper engineTrouble = new ReadOnlyBooleanWrapper();
    private final LatestValue<String> memoryUpdates;

    /** A status bar that reads the memory of {@code runtime}. */
    public StatusBarViewModel(Background background, Runtime runtime) {
        this.background = background;
        this.runtime = runtime;
        this.memoryUpdates = background.bridge().latest(memory::set);
    }

    /** Shows the device once the engine has reported it; a failure is shown, not thrown. */
    public CompletableFuture<Void> showDevice(CompletableFuture<ServerCapabilities> capabilities) {
        return background.whenDone(capabilities, caps -> {
            device.set("Device: " + caps.device());
            deviceDetail.set("The engine computes on " + caps.device() + " with the " + caps.nativeFlavor()
                    + " build of libtorch. Start with --device cpu|cuda to choose.");
        }, error -> {
            device.set("Device: unavailable");
            deviceDetail.set(String.valueOf(error.getMessage()));
        });
    }

    /**
     * Follows the engine in use: which it is, its device and whether it answers ("Engine: Engine process on this
     * machine · cpu · reachable"), what happened last in the tooltip, and a warning style while it is not reachable.
     */
    public void followEngine(ChosenEngine chosen) {
        LatestValue<EngineStatus> updates = background.bridge().latest(this::showEngine);
        chosen.onStatus(updates::post);
    }

    private void showEngine(EngineStatus status) {
        engine.set("Engine: " + status.summary());
        engineDetail.set(status.message().isEmpty() ? status.engine() + " is " + status.phase().words() + "."
                : status.message());
        engineTrouble.set(status.phase() != EngineStatus.Phase.REACHABLE && status.phase() != EngineStatus.Phase.STARTING);
        if (status.device() != null) {
            device.set("Device: " + status.device());
        }
    }

    /** Samples the memory in use; safe on any thread (a timer calls it every few seconds). */
    public void sampleMemory() {
        long used = (runtime.totalMemory() - runtime.freeMemory()) / MIB;
        long max = runtime.maxMemory() / MIB;
        memoryUpdates.post("Memory: " + used + " MiB of " + max + " MiB");
    }

    /** "Device: cpu (no CUDA device visible)" once known. */
    public ReadOnlyStringProperty device() {
        return device.getReadOnlyProperty();
    }

    /** The longer explanation of the device (tooltip). */
    public ReadOnlyStringProperty deviceDetail() {
        return deviceDetail.getReadOnlyProperty();
    }

    /** "Memory: 312 MiB of 2048 MiB" (the Java heap). */
    public ReadOnlyStringProperty memory() {
        return memory.getReadOnlyProperty();
    }

    /** "Engine: Engine process on this machine · cpu · reachable". */
    public ReadOnlyStringProperty engine() {
        return engine.getReadOnlyProperty();
    }

    /** What happened to the engine last (a restart says why), for the tooltip. */
    public ReadOnlyStringProperty engineDetail() {
        return engineDetail.getReadOnlyProperty();
    }

    /** Whether the engine is restarting, unreachable or failed. */
    public ReadOnlyBooleanProperty engineTrouble() {
        return engineTrouble.getReadOnlyProperty();
    }
}
