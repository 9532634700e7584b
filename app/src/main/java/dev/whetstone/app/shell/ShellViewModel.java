package dev.whetstone.app.shell;

import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.app.settings.AppSettings;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window's state: which pane is shown, the theme, and the window's size and place to remember.
 * All are saved to the settings file, so the next start opens where and as the user left off.
 *
 * <p>Example: {@code shell.navigate(Place.MODELS); shell.place().get() == Place.MODELS}
 */
public final class ShellViewModel {
    private final SettingsFile settings;
    private final ReadOnlyObjectWrapper<Place> place;
    private final ObjectProperty<Theme> theme;

    /** Starts on the pane the settings remember. */
    public ShellViewModel(SettingsFile settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.place = new ReadOnlyObjectWrapper<>(Place.parse(settings.current().lastPlace()));
        this.theme = new SimpleObjectProperty<>(Theme.of(settings.current().theme()));
        theme.addListener((obs, old, now) -> settings.update(s -> s.withTheme(now.settingName())));
    }

    /** The theme shown; setting it saves it. */
    public ObjectProperty<Theme> theme() {
        return theme;
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

    /** Where the window was last, {@code [x, y]}, or empty on a first start. */
    public Optional<double[]> windowPosition() {
        AppSettings now = settings.current();
        return now.windowX() == null || now.windowY() == null ? Optional.empty()
                : Optional.of(new double[] {now.windowX(), now.windowY()});
    }

    /** Whether the window was maximised. */
    public boolean windowMaximized() {
        return settings.current().maximized();
    }

    /**
     * Remembers the window's place and size (called when the window closes); a maximised window keeps the
     * place and size it had before, so it comes back to them when it is restored.
     */
    public void rememberWindow(double x, double y, double width, double height, boolean maximized) {
        settings.update(s -> maximized ? s.withWindow(s.windowX() == null ? x : s.windowX(), s.windowY() == null ? y : s.windowY(),
                s.windowWidth(), s.windowHeight(), true) : s.withWindow(x, y, width, height, false));
    }
}
