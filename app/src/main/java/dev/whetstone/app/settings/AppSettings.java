package dev.whetstone.app.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desktop app remembers between sessions: the window's size, place and whether it was maximised,
 * the pane it showed last, the model folders the user added, whether runs notify the desktop, the theme,
 * and the folder each file chooser was last left in. Stored as JSON by {@link SettingsFile}; fields a file
 * from an older version lacks read as their defaults.
 *
 * <p>Example: {@code settings.withWindowSize(1280, 800).withLastPlace("MODELS").withTheme("dark")}
 *
 * @param windowWidth   the window's width in pixels, {@code >= 400}
 * @param windowHeight  the window's height in pixels, {@code >= 300}
 * @param lastPlace     the name of the pane shown last (a {@code Place} constant)
 * @param modelFolders  local model folders added by the user, as absolute paths; copied
 * @param notifications whether a run that finishes, fails or is paused by the divergence guard shows a
 *                      desktop notification; {@code null} (a settings file from before) means on
 * @param windowX       the window's left edge on the desktop, or null to let the system place it
 * @param windowY       the window's top edge, or null
 * @param maximized     whether the window was maximised; null means no
 * @param theme         {@code "light"} or {@code "dark"}; null means light
 * @param lastFolders   the folder each chooser was last left in, by the chooser's purpose
 *                      ({@code "dataset-import"}, {@code "model-folder"}, {@code "export"}); copied
 */
public record AppSettings(double windowWidth, double windowHeight, String lastPlace, List<String> modelFolders,
                          Boolean notifications, Double windowX, Double windowY, Boolean maximized, String theme,
                          Map<String, String> lastFolders) {

    public static final double MIN_WIDTH = 400;
    public static final double MIN_HEIGHT = 300;
    public static final String LIGHT = "light";
    public static final String DARK = "dark";

    public AppSettings {
        Objects.requireNonNull(lastPlace, "lastPlace");
        modelFolders = List.copyOf(modelFolders == null ? List.of() : modelFolders);
        notifications = notifications == null || notifications;
        maximized = maximized != null && maximized;
        theme = theme == null ? LIGHT : theme;
        lastFolders = Map.copyOf(lastFolders == null ? Map.of() : lastFolders);
        if (!(windowWidth >= MIN_WIDTH) || !(windowHeight >= MIN_HEIGHT)) {
            throw new IllegalArgumentException("window size must be at least " + MIN_WIDTH + " x " + MIN_HEIGHT
                    + ", was " + windowWidth + " x " + windowHeight);
        }
        if (!LIGHT.equals(theme) && !DARK.equals(theme)) {
            throw new IllegalArgumentException("theme must be \"light\" or \"dark\", was \"" + theme + "\"");
        }
    }

    /** The settings of a version before window places, themes and chooser folders. */
    public AppSettings(double windowWidth, double windowHeight, String lastPlace, List<String> modelFolders,
                       Boolean notifications) {
        this(windowWidth, windowHeight, lastPlace, modelFolders, notifications, null, null, null, null, null);
    }

    /** A first start: 1200 x 760 wherever the system puts it, on Home, no model folders, notifications on, light. */
    public static AppSettings defaults() {
        return new AppSettings(1200, 760, "HOME", List.of(), true);
    }

    /** These settings with desktop notifications turned on or off. */
    public AppSettings withNotifications(boolean on) {
        return new AppSettings(windowWidth, windowHeight, lastPlace, modelFolders, on, windowX, windowY, maximized, theme,
                lastFolders);
    }

    /** These settings with another window size; sizes below the minimum are raised to it. */
    public AppSettings withWindowSize(double width, double height) {
        return new AppSettings(Math.max(MIN_WIDTH, width), Math.max(MIN_HEIGHT, height), lastPlace, modelFolders,
                notifications, windowX, windowY, maximized, theme, lastFolders);
    }

    /** These settings with the window at {@code x, y} in {@code width × height}, maximised or not. */
    public AppSettings withWindow(double x, double y, double width, double height, boolean max) {
        return new AppSettings(Math.max(MIN_WIDTH, width), Math.max(MIN_HEIGHT, height), lastPlace, modelFolders,
                notifications, x, y, max, theme, lastFolders);
    }

    /** These settings with another last pane. */
    public AppSettings withLastPlace(String place) {
        return new AppSettings(windowWidth, windowHeight, place, modelFolders, notifications, windowX, windowY, maximized,
                theme, lastFolders);
    }

    /** These settings with {@code "light"} or {@code "dark"}. */
    public AppSettings withTheme(String chosen) {
        return new AppSettings(windowWidth, windowHeight, lastPlace, modelFolders, notifications, windowX, windowY,
                maximized, chosen, lastFolders);
    }

    /** These settings remembering {@code folder} for the chooser of {@code purpose}. */
    public AppSettings withLastFolder(String purpose, String folder) {
        Map<String, String> folders = new LinkedHashMap<>(lastFolders);
        folders.put(purpose, folder);
        return new AppSettings(windowWidth, windowHeight, lastPlace, modelFolders, notifications, windowX, windowY,
                maximized, theme, folders);
    }

    /** The folder the chooser of {@code purpose} was last left in. */
    public Optional<String> lastFolder(String purpose) {
        return Optional.ofNullable(lastFolders.get(purpose));
    }

    /** These settings with {@code folder} added to the model folders (once). */
    public AppSettings withModelFolder(String folder) {
        if (modelFolders.contains(folder)) {
            return this;
        }
        List<String> folders = new ArrayList<>(modelFolders);
        folders.add(folder);
        return new AppSettings(windowWidth, windowHeight, lastPlace, folders, notifications, windowX, windowY, maximized,
                theme, lastFolders);
    }

    /** These settings without {@code folder} among the model folders. */
    public AppSettings withoutModelFolder(String folder) {
        List<String> folders = new ArrayList<>(modelFolders);
        folders.remove(folder);
        return new AppSettings(windowWidth, windowHeight, lastPlace, folders, notifications, windowX, windowY, maximized,
                theme, lastFolders);
    }
}
