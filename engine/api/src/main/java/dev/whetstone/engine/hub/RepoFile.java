package dev.whetstone.engine.hub;

import java.util.Objects;

/**
 * One file of a repo as the hub's model info lists it ({@code siblings} with {@code blobs=true}).
 *
 * @param path      the file's path in the repo ({@code rfilename}), e.g. {@code model.safetensors}
 * @param size      its size in bytes, or -1 if the hub did not say
 * @param gitBlobId the git blob id (SHA-1 of {@code "blob <size>\0" + content}) of a plain file, or of the LFS pointer
 * @param lfsSha256 the SHA-256 of an LFS file's content, or {@code null} for a file stored in git
 */
public record RepoFile(String path, long size, String gitBlobId, String lfsSha256) {

    public RepoFile {
        Objects.requireNonNull(path, "path");
        if (size < -1) {
            throw new IllegalArgumentException("size must be >= 0, or -1 for unknown, was " + size);
        }
    }

    /** The file's name after the last {@code /}. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether the file sits at the top of the repo (not in a sub-folder such as {@code onnx/}). */
    public boolean atTop() {
        return !path.contains("/");
    }
}
