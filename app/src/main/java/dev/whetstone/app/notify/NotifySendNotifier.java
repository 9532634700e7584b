package dev.whetstone.app.notify;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications through {@code notify-send} (libnotify), for Linux desktops whose Java has no system tray.
 * Waits for the command (a fraction of a second): call it off the FX thread ({@link DesktopNotifier} does).
 */
final class NotifySendNotifier implements Notifier {
    private final Path command;

    NotifySendNotifier(Path command) {
        this.command = command;
    }

    /** {@code notify-send} on {@code PATH} (as given in {@code env}), if there is one. */
    static Optional<Path> find(Map<String, String> env) {
        return dev.whetstone.app.desktop.CommandOnPath.find(env, "notify-send");
    }

    /** The command line for {@code notification}: the app name, then title and body as two arguments. */
    List<String> commandLine(Notification notification) {
        return List.of(command.toString(), "--app-name=Whetstone", notification.title(), notification.body());
    }

    @Override
    public void show(Notification notification) {
        try {
            Process process = new ProcessBuilder(commandLine(notification)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int exit = process.waitFor();
            if (exit != 0) {
                DesktopNotifier.LOG.debug("{} exited with {}", command, exit);
            }
        } catch (IOException e) {
            DesktopNotifier.LOG.debug("Could not run {}", command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
