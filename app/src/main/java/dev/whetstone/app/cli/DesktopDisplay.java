package dev.whetstone.app.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a window can open: on Linux and the BSDs only with {@code DISPLAY} or {@code WAYLAND_DISPLAY}
 * set; on macOS and Windows always; never with {@code -Djava.awt.headless=true}.
 */
final class DesktopDisplay {
    private DesktopDisplay() {
    }

    static boolean available() {
        return available(System.getenv(), System.getProperty("os.name", ""),
                Boolean.getBoolean("java.awt.headless"));
    }

    static boolean available(Map<String, String> env, String osName, boolean headless) {
        if (headless) {
            return false;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }
}
