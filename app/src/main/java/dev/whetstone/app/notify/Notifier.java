package dev.whetstone.app.notify;

/**
 * Shows a {@link Notification} on the desktop: the system tray ({@link TrayNotifier}), {@code notify-send}
 * ({@link NotifySendNotifier}), or nothing. Implementations may block; {@link DesktopNotifier} calls them on
 * a thread of its own, never on the FX thread.
 */
public interface Notifier {

    /** Shows {@code notification}; failures are the implementation's to log. */
    void show(Notification notification);
}
