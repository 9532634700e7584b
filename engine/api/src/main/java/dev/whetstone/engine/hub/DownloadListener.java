package dev.whetstone.engine.hub;

/**
 * Told how a download goes, on the download's thread, at most about ten times a second and once at the end.
 *
 * <p>Example: {@code downloader.download(request, p -> bar.post(p.fraction()))}
 */
@FunctionalInterface
public interface DownloadListener {
    /** A listener that ignores progress. */
    DownloadListener NONE = progress -> { };

    void onProgress(DownloadProgress progress);
}
