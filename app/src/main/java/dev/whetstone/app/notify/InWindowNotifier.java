package dev.whetstone.app.notify;

import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.app.fx.FxBridge;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Notifications shown inside the window (a bar over the panes) rather than on the desktop: what happened to
 * a run or a background task while the user was elsewhere in the app. Thread-safe; the newest notification
 * wins, shown on the FX thread.
 *
 * <p>Example: {@code runningRuns.onStarted(new RunNotifications(inWindow)::follow)}
 */
public final class InWindowNotifier implements Notifier {
    private final ReadOnlyObjectWrapper<Notification> latest = new ReadOnlyObjectWrapper<>();
    private final LatestValue<Notification> updates;

    public InWindowNotifier(FxBridge bridge) {
        updates = bridge.latest(shown -> {
            latest.set(null);   // the same notification twice still shows twice
            latest.set(shown);
        });
    }

    @Override
    public void show(Notification notification) {
        updates.post(notification);
    }

    /** The notification to show now; null before the first and for a moment before each. */
    public ReadOnlyObjectProperty<Notification> latest() {
        return latest.getReadOnlyProperty();
    }
}
