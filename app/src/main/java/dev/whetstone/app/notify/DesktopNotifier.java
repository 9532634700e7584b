package dev.whetstone.app.notify;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's notifier: when {@code enabled} says so, shows notifications with the best this desktop has —
 * the system tray where Java supports one, else {@code notify-send} on Linux when it is on {@code PATH},
 * else nothing (logged at debug). The choice and every delivery run on one daemon thread of its own, so
 * AWT and external commands never touch the FX thread; a headless JVM ({@code java.awt.headless}, the
 * tests) shows nothing at all.
 *
 * <p>Example: {@code new DesktopNotifier(() -> settings.current().notifications(), System.getenv())}
 */
public final class DesktopNotifier implements Notifier, AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);

    private final BooleanSupplier enabled;
    private final Map<String, String> env;
    private final ExecutorService thread;
    private Notifier chosen;   // only on thread

    /** Notifies while {@code enabled} is true; {@code env} supplies {@code PATH} (and the OS comes from {@code os.name}). */
    public DesktopNotifier(BooleanSupplier enabled, Map<String, String> env) {
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.env = Map.copyOf(env);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "whetstone-notifications");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code notification}; returns at once. Any thread. */
    @Override
    public void show(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        if (!enabled.getAsBoolean()) {
            LOG.debug("Notifications are off in the settings; not shown: {}", notification.title());
            return;
        }
        thread.execute(() -> {
            try {
                platform().show(notification);
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("Could not show the notification {}", notification.title(), e);
            }
        });
    }

    private Notifier platform() {
        if (chosen == null) {
            chosen = choose();
        }
        return chosen;
    }

    private Notifier choose() {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return n -> LOG.debug("Notification not shown (headless JVM): {}: {}", n.title(), n.body());
        }
        if (TrayNotifier.supported()) {
            return new TrayNotifier();
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux) {
            var command = NotifySendNotifier.find(env);
            if (command.isPresent()) {
                return new NotifySendNotifier(command.get());
            }
        }
        LOG.debug("No system tray and no notify-send on PATH: desktop notifications are not shown");
        return n -> LOG.debug("Notification not shown (no way on this desktop): {}: {}", n.title(), n.body());
    }

    /** Delivers what is queued (waiting at most two seconds), then stops the notification thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
