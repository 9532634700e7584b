package dev.whetstone.app.settings;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The desktop-notifications setting as a property a check box binds to: starts from the settings file and
 * writes it back each time it is flipped (FX thread).
 *
 * <p>Example: {@code checkBox.selectedProperty().bindBidirectional(new NotificationSwitch(settings).on())}
 */
public final class NotificationSwitch {
    private final BooleanProperty on;

    public NotificationSwitch(SettingsFile settings) {
        Objects.requireNonNull(settings, "settings");
        on = new SimpleBooleanProperty(settings.current().notifications());
        on.addListener((obs, was, now) -> settings.update(s -> s.withNotifications(now)));
    }

    /** Whether runs notify the desktop. */
    public BooleanProperty on() {
        return on;
    }
}
