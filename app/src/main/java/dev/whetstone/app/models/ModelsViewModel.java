package dev.whetstone.app.models;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.app.settings.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models pane's list: models found on disk and folders the user added, which one is selected, and
 * a message after each action (an error names the fix). Scanning and reading run off the FX thread.
 *
 * <p>Example: {@code models.addFolder(Path.of("/data/Qwen3-0.6B")).thenRun(...)} (the future is for tests)
 */
public final class ModelsViewModel {
    private final Background background;
    private final ModelFolders folders;
    private final SettingsFile settings;
    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final LatestValue<Double> progressUpdates;
    private java.util.function.Supplier<RemoteModels> remote = () -> null;

    /** A list over {@code folders} plus the folders remembered in {@code settings}. */
    public ModelsViewModel(Background background, ModelFolders folders, SettingsFile settings) {
        this.background = Objects.requireNonNull(background, "background");
        this.folders = Objects.requireNonNull(folders, "folders");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progressUpdates = background.bridge().latest(progress::set);
    }

    /**
     * Lists the models a remote engine offers instead of the folders on disk whenever {@code remoteEngine} gives one
     * (null while the engine is on this machine).
     */
    public void listRemoteModelsFrom(java.util.function.Supplier<RemoteModels> remoteEngine) {
        this.remote = Objects.requireNonNull(remoteEngine, "remoteEngine");
    }

    /** Rescans every source (or asks the remote engine what it offers); keeps the selection if the model is still there. */
    public CompletableFuture<Void> refresh() {
        return refreshAndSelect(null);
    }

    /** Rescans every source and selects the model in {@code folder} (a download's snapshot), else keeps the selection. */
    public CompletableFuture<Void> refreshAndSelect(Path folder) {
        scanning.set(true);
        progress.set(0);
        List<Path> added = settings.current().modelFolders().stream().map(Path::of).toList();
        RemoteModels offered = remote.get();
        return background.run(() -> offered != null ? offered.list() : folders.scan(added, progressUpdates::post), found -> {
            scanning.set(false);
            Path keep = folder != null ? folder : selected.get() == null ? null : selected.get().folder();
            models.setAll(found);
            selected.set(found.stream().filter(m -> m.folder().equals(keep)).findFirst()
                    .orElse(found.stream().filter(ModelEntry::usable).findFirst().orElse(null)));
            showInfo(found.isEmpty() ? "No models found yet. Add a model folder, or use Download… to get one from the"
                    + " Hugging Face Hub." : found.size() + " models found.");
        }, error -> {
            scanning.set(false);
            showError("Could not scan for models: " + error.getMessage());
        });
    }

    /** Validates {@code folder} and, if it is a usable model, adds it, remembers it and selects it. */
    public CompletableFuture<Void> addFolder(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return background.run(() -> ModelEntry.read(name, dir, ModelSource.LOCAL_FOLDER), entry -> {
            if (!entry.usable()) {
                showError(entry.problem());
                return;
            }
            settings.update(s -> s.withModelFolder(dir.toString()));
            ModelEntry existing = models.stream().filter(m -> m.folder().equals(dir)).findFirst().orElse(null);
            if (existing == null) {
                models.add(0, entry);
            }
            selected.set(existing == null ? entry : existing);
            showInfo("Added " + name + ".");
        }, error -> showError("Could not read " + dir + ": " + error.getMessage()));
    }

    /** Adds what was dropped: a folder as is, a dropped {@code config.json} as its folder; other files are refused. */
    public CompletableFuture<Void> addDropped(List<Path> dropped) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (Path path : dropped) {
            if (Files.isDirectory(path)) {
                all = all.thenCompose(done -> addFolder(path));
            } else if (path.getFileName() != null && path.getFileName().toString().equals("config.json")) {
                all = all.thenCompose(done -> addFolder(path.getParent()));
            } else {
                showError("Drop a model folder (the one holding config.json), not the file " + path.getFileName() + ".");
            }
        }
        return all;
    }

    /** Forgets the selected model if the user added it; models found on disk stay. */
    public void removeSelected() {
        ModelEntry entry = selected.get();
        if (entry == null || entry.source() != ModelSource.LOCAL_FOLDER) {
            return;
        }
        settings.update(s -> s.withoutModelFolder(entry.folder().toString()));
        models.remove(entry);
        selected.set(models.isEmpty() ? null : models.get(0));
        showInfo("Removed " + entry.name() + " from the list (the folder is untouched).");
    }

    /** Where the scan looks, for the pane's hint line. */
    public String whereItLooks() {
        return "Looks in " + folders.hubCache() + " and " + folders.engineModels();
    }

    public ObservableList<ModelEntry> models() {
        return models;
    }

    /** The selected model; the view binds its list selection to it. */
    public ObjectProperty<ModelEntry> selected() {
        return selected;
    }

    public ReadOnlyBooleanProperty scanning() {
        return scanning.getReadOnlyProperty();
    }

    /** Fraction of the scan done, 0 to 1. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** The outcome of the last action. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsError() {
        return messageIsError.getReadOnlyProperty();
    }

    private void showInfo(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void showError(String text) {
        messageIsError.set(true);
        message.set(text);
    }
}
