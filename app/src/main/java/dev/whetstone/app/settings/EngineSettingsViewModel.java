package dev.whetstone.app.settings;

import dev.whetstone.app.engine.ChosenEngine;
import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineChoiceFile;
import dev.whetstone.app.engine.EngineKind;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings → Engine: which engine the app uses (the engine process on this machine, in this process, or a remote
 * engine by base URL and API key), remembered in {@link EngineChoiceFile}. Applying switches at once, unless a run
 * is training on the engine in use: then the choice is saved for the next start.
 *
 * <p>{@code settings.kind().set(EngineKind.REMOTE); settings.url().set("http://gpu-box:8000"); settings.apply();}
 */
public final class EngineSettingsViewModel {
    private final EngineChoiceFile file;
    private final ChosenEngine engine;
    private final Map<String, String> env;
    private final BooleanSupplier runActive;
    private final Runnable onSwitched;
    private final ObjectProperty<EngineKind> kind = new SimpleObjectProperty<>(EngineChoiceFile.DEFAULT.kind());
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();

    /**
     * @param runActive  whether a run started in this window is training now
     * @param onSwitched what to refresh after a switch (model lists, checkpoints, the playground)
     */
    public EngineSettingsViewModel(EngineChoiceFile file, ChosenEngine engine, Map<String, String> env, BooleanSupplier runActive,
                                   Runnable onSwitched) {
        this.file = Objects.requireNonNull(file, "file");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.env = Map.copyOf(env);
        this.runActive = Objects.requireNonNull(runActive, "runActive");
        this.onSwitched = Objects.requireNonNull(onSwitched, "onSwitched");
    }

    /** Fills the form from the engine in use and the saved key. */
    public void reload() {
        EngineChoice now = engine.choice();
        kind.set(now.kind());
        EngineChoice saved = file.choice();
        url.set(now.remoteUrl() != null ? now.remoteUrl() : saved.remoteUrl() != null ? saved.remoteUrl() : "");
        String key = file.savedKey();
        apiKey.set(key == null ? "" : key);
        show(false, "In use: " + now.label() + ".");
    }

    /** Checks the form, remembers it, and switches the engine (or says why not now); false when the form is wrong. */
    public boolean apply() {
        EngineChoice choice;
        try {
            choice = kind.get() == EngineKind.REMOTE ? EngineChoice.remote(url.get()) : new EngineChoice(kind.get(), null);
        } catch (IllegalArgumentException e) {
            show(true, e.getMessage());
            return false;
        }
        String key = apiKey.get() == null ? "" : apiKey.get().strip();
        if (choice.kind() == EngineKind.REMOTE && !key.isEmpty() && !key.startsWith("tml-") && !key.startsWith("eyJ")) {
            show(true, "An API key for Tinker's protocol starts with tml- (as `whetstone serve` and hosted Tinker issue "
                    + "them); check the key, or leave it empty to use TINKER_API_KEY.");
            return false;
        }
        try {
            file.save(choice, choice.kind() == EngineKind.REMOTE ? key : file.savedKey());
        } catch (RuntimeException e) {
            show(true, "Could not save the engine setting: " + e.getMessage());
            return false;
        }
        if (choice.equals(engine.choice()) && choice.kind() != EngineKind.REMOTE) {
            show(false, "Saved. " + choice.label() + " is already in use.");
            return true;
        }
        if (runActive.getAsBoolean()) {
            show(false, "Saved. A run is training on " + engine.choice().label() + ", so " + choice.label()
                    + " is used from the next start of Whetstone.");
            return true;
        }
        engine.switchTo(choice, file.apiKey(env));
        onSwitched.run();
        show(false, "Switched to " + choice.label() + "; the status bar shows when it is ready.");
        return true;
    }

    private void show(boolean error, String text) {
        messageIsError.set(error);
        message.set(text);
    }

    public ObjectProperty<EngineKind> kind() {
        return kind;
    }

    /** The remote engine's base URL ({@code http://gpu-box:8000}, or hosted Tinker's). */
    public StringProperty url() {
        return url;
    }

    /** The remote engine's API key; empty means {@code TINKER_API_KEY}. */
    public StringProperty apiKey() {
        return apiKey;
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsError() {
        return messageIsError.getReadOnlyProperty();
    }
}
