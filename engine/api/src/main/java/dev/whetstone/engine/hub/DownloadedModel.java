package dev.whetstone.engine.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model in the hub cache after a download: its snapshot folder is a model folder that every model picker
 * and {@code createLoraTrainingClient} accept.
 *
 * @param request         what was asked for
 * @param commit          the commit the revision pointed at
 * @param folder          {@code <cache>/models--Owner--Name/snapshots/<commit>}
 * @param files           the files in the folder, as repo paths
 * @param bytesDownloaded bytes that came over the network this time (0 when all were cached)
 * @param bytesTotal      the size of all the files
 */
public record DownloadedModel(ModelRequest request, String commit, Path folder, List<String> files, long bytesDownloaded,
                              long bytesTotal) {

    public DownloadedModel {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(folder, "folder");
        files = List.copyOf(files);
    }
}
