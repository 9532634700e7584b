package dev.whetstone.engine.hub;

import java.net.URI;
import java.util.Objects;

/**
 * Where a file's bytes are and what they must hash to, from {@code HEAD .../resolve/{commit}/{path}}: the
 * ETag names the blob in the cache and is the expected hash (SHA-256 for an LFS file, the git blob SHA-1
 * otherwise).
 *
 * @param path     the file's path in the repo
 * @param commit   the commit the hub resolved ({@code X-Repo-Commit})
 * @param etag     {@code X-Linked-Etag}, else {@code ETag}, without quotes or {@code W/}
 * @param size     {@code X-Linked-Size}, else {@code Content-Length}, in bytes
 * @param download the address to GET: a CDN for LFS files (no token sent there), else the resolve address
 */
public record FileLocation(String path, String commit, String etag, long size, URI download) {

    public FileLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(download, "download");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}
