package dev.whetstone.app.shell;

import dev.whetstone.app.settings.SettingsFile;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window's state: which pane is shown, and the window size to remember. Both are saved to the
 * settings file, so the next start opens where the user left off.
 *
 * <p>Example: {@code shell.navigate(Place.MODELS); shell.place().get() == Place.MODELS}
 */
public final class ShellViewModel {
    private final SettingsFile settings;
    private final ReadOnlyObjectWrapper<Place> place;

    /** Starts on the pane the settings remember. */
    public ShellViewModel(SettingsFile settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.place = new ReadOnlyObjectWrapper<>(Place.parse(settings.current().lastPlace()));
    }

    /** The pane shown now. */
    public ReadOnlyObjectProperty<Place> place() {
        return place.getReadOnlyProperty();
    }

    /** Shows {@code target} and remembers it. */
    public void navigate(Place target) {
        Objects.requireNonNull(target, "target");
        place.set(target);
        settings.update(s -> s.withLastPlace(target.name()));
    }

    /** Shows the pane of shortcut digit {@code digit} ({@code Ctrl+1} … {@code Ctrl+7}); other digits do nothing. */
    public boolean navigateByDigit(int digit) {
        Place.ofDigit(digit).ifPresent(this::navigate);
        return Place.ofDigit(digit).isPresent();
    }

    /** The window width to open with. */
    public double windowWidth() {
        return settings.current().windowWidth();
    }

    /** The window height to open with. */
    public double windowHeight() {
        return settings.current().windowHeight();
    }

    /** Remembers the window size (called when the window closes). */
    public void rememberWindowSize(double width, double height) {
        settings.update(s -> s.withWindowSize(width, height));
    }
}
