package dev.whetstone.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the desktop app remembers between sessions: the window size, the pane it showed last, the model
 * folders the user added, and whether runs notify the desktop. Stored as JSON by {@link SettingsFile}.
 *
 * <p>Example: {@code settings.withWindowSize(1280, 800).withLastPlace("MODELS")}
 *
 * @param windowWidth  the window's width in pixels, {@code >= 400}
 * @param windowHeight the window's height in pixels, {@code >= 300}
 * @param lastPlace    the name of the pane shown last (a {@code Place} constant)
 * @param modelFolders local model folders added by the user, as absolute paths; copied
 * @param notifications whether a run that finishes, fails or is paused by the divergence guard shows a
 *                      desktop notification; {@code null} (a settings file from before) means on
 */
public record AppSettings(double windowWidth, double windowHeight, String lastPlace, List<String> modelFolders,
                          Boolean notifications) {

    public static final double MIN_WIDTH = 400;
    public static final double MIN_HEIGHT = 300;

    public AppSettings {
        Objects.requireNonNull(lastPlace, "lastPlace");
        modelFolders = List.copyOf(modelFolders == null ? List.of() : modelFolders);
        notifications = notifications == null || notifications;
        if (!(windowWidth >= MIN_WIDTH) || !(windowHeight >= MIN_HEIGHT)) {
            throw new IllegalArgumentException("window size must be at least " + MIN_WIDTH + " x " + MIN_HEIGHT
                    + ", was " + windowWidth + " x " + windowHeight);
        }
    }

    /** A first start: 1200 x 760 on Home, no model folders, notifications on. */
    public static AppSettings defaults() {
        return new AppSettings(1200, 760, "HOME", List.of(), true);
    }

    /** These settings with desktop notifications turned on or off. */
    public AppSettings withNotifications(boolean on) {
        return new AppSettings(windowWidth, windowHeight, lastPlace, modelFolders, on);
    }

    /** These settings with another window size; sizes below the minimum are raised to it. */
    public AppSettings withWindowSize(double width, double height) {
        return new AppSettings(Math.max(MIN_WIDTH, width), Math.max(MIN_HEIGHT, height), lastPlace, modelFolders, notifications);
    }

    /** These settings with another last pane. */
    public AppSettings withLastPlace(String place) {
        return new AppSettings(windowWidth, windowHeight, place, modelFolders, notifications);
    }

    /** These settings with {@code folder} added to the model folders (once). */
    public AppSettings withModelFolder(String folder) {
        if (modelFolders.contains(folder)) {
            return this;
        }
        List<String> folders = new ArrayList<>(modelFolders);
        folders.add(folder);
        return new AppSettings(windowWidth, windowHeight, lastPlace, folders, notifications);
    }

    /** These settings without {@code folder} among the model folders. */
    public AppSettings withoutModelFolder(String folder) {
        List<String> folders = new ArrayList<>(modelFolders);
        folders.remove(folder);
        return new AppSettings(windowWidth, windowHeight, lastPlace, folders, notifications);
    }
}
