package dev.whetstone.app.notify;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;

/**
 * Notifications as balloons of a Whetstone icon in the system tray (Windows, macOS, Linux desktops with a
 * tray), through {@link SystemTray}. The icon is added on the first notification. AWT: call it off the FX
 * thread ({@link DesktopNotifier} does).
 */
final class TrayNotifier implements Notifier {
    private TrayIcon icon;

    /** Whether this desktop has a system tray (false when headless). */
    static boolean supported() {
        return !java.awt.GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
    }

    @Override
    public synchronized void show(Notification notification) {
        try {
            if (icon == null) {
                TrayIcon added = new TrayIcon(image(), "Whetstone");
                added.setImageAutoSize(true);
                SystemTray.getSystemTray().add(added);
                icon = added;
            }
            icon.displayMessage(notification.title(), notification.body(), TrayIcon.MessageType.INFO);
        } catch (AWTException | RuntimeException e) {
            DesktopNotifier.LOG.debug("The system tray refused a notification", e);
        }
    }

    /** A plain 16 x 16 whetstone-grey square: the tray scales it to its own size. */
    private static Image image() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x55, 0x65, 0x75));
        g.fillRoundRect(1, 4, 14, 8, 4, 4);
        g.dispose();
        return image;
    }
}
