package dev.whetstone.app.settings;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where each file chooser opens: the folder it was last left in, kept in the settings file by purpose, so
 * Browse… for a dataset opens where the last dataset came from and an export where the last one went.
 * A remembered folder that is gone is skipped (the system's default is used).
 *
 * <p>Example: {@code chooser.setInitialDirectory(folders.initial(DATASET_IMPORT)); folders.remember(DATASET_IMPORT, file.getParent())}
 */
public final class LastFolders {
    public static final String DATASET_IMPORT = "dataset-import";
    public static final String MODEL_FOLDER = "model-folder";
    public static final String EXPORT = "export";

    private final SettingsFile settings;

    public LastFolders(SettingsFile settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The folder to open the chooser of {@code purpose} in, or null for the system's default. */
    public File initial(String purpose) {
        return settings.current().lastFolder(purpose).map(Path::of).filter(Files::isDirectory).map(Path::toFile).orElse(null);
    }

    /** Remembers {@code folder} as where the chooser of {@code purpose} opens next time. */
    public void remember(String purpose, Path folder) {
        if (folder != null) {
            settings.update(s -> s.withLastFolder(purpose, folder.toAbsolutePath().toString()));
        }
    }
}
