package dev.whetstone.engine.hub;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One repo's folder in the Hugging Face hub cache, laid out as {@code huggingface_hub} lays it out, so the
 * Python tools and Whetstone share files:
 *
 * <pre>
 * models--Owner--Name/
 *   blobs/&lt;etag&gt;                      each file's content, named by its ETag (SHA-256 or git SHA-1)
 *   blobs/&lt;etag&gt;.incomplete           a download in progress (resumed from its length)
 *   snapshots/&lt;commit&gt;/&lt;path&gt;        a relative symlink to ../../blobs/&lt;etag&gt; (a copy where links are not allowed)
 *   refs/&lt;revision&gt;                   the commit a branch or tag pointed at when last downloaded
 * .locks/models--Owner--Name/&lt;etag&gt;.lock  held while a blob is written
 * </pre>
 */
final class RepoCache {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by Whetstone (the Hugging Face hub cache).\n"
            + "# For information about cache directory tags see https://bford.info/cachedir/\n";

    private final Path cache;
    private final Path root;
    private final Path locks;

    RepoCache(Path cache, ModelRequest request) {
        this.cache = cache;
        this.root = cache.resolve(request.cacheFolderName());
        this.locks = cache.resolve(".locks").resolve(request.cacheFolderName());
    }

    Path root() {
        return root;
    }

    Path blob(String etag) {
        return root.resolve("blobs").resolve(checkedName(etag));
    }

    Path incomplete(String etag) {
        return root.resolve("blobs").resolve(checkedName(etag) + ".incomplete");
    }

    Path lockFile(String etag) {
        return locks.resolve(checkedName(etag) + ".lock");
    }

    Path snapshot(String commit) {
        if (!COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("commit must be 40 hex digits, was \"" + commit + "\"");
        }
        return root.resolve("snapshots").resolve(commit);
    }

    /** The snapshot's entry for {@code path}; refuses a path that would leave the snapshot. */
    Path pointer(String commit, String path) {
        Path snapshot = snapshot(commit);
        Path pointer = snapshot.resolve(path).normalize();
        if (!pointer.startsWith(snapshot) || pointer.equals(snapshot)) {
            throw new IllegalArgumentException("file path must stay inside the snapshot, was \"" + path + "\"");
        }
        return pointer;
    }

    /** The commit {@code revision} names in the cache: itself if it is a commit with a snapshot, else its ref. */
    Optional<String> commitFor(String revision) {
        if (COMMIT.matcher(revision).matches() && Files.isDirectory(root.resolve("snapshots").resolve(revision))) {
            return Optional.of(revision);
        }
        Path ref = root.resolve("refs").resolve(revision).normalize();
        try {
            if (ref.startsWith(root.resolve("refs")) && Files.isRegularFile(ref)) {
                String commit = Files.readString(ref).strip();
                return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Records that {@code revision} points at {@code commit} (nothing to record when it is the commit). */
    void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = root.resolve("refs").resolve(revision).normalize();
        if (!ref.startsWith(root.resolve("refs"))) {
            throw new IllegalArgumentException("revision must stay inside refs/, was \"" + revision + "\"");
        }
        if (Files.isRegularFile(ref) && Files.readString(ref).equals(commit)) {
            return;
        }
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ref.getFileName().toString(), ".tmp");
        Files.writeString(tmp, commit);
        move(tmp, ref);
    }

    /** Makes the folders and the cache's {@code CACHEDIR.TAG} (so backup tools can skip it). */
    void prepare() throws IOException {
        Files.createDirectories(root.resolve("blobs"));
        Files.createDirectories(locks);
        Path tag = cache.resolve("CACHEDIR.TAG");
        if (!Files.exists(tag)) {
            try {
                Files.writeString(tag, CACHEDIR_TAG);
            } catch (FileAlreadyExistsException e) {
                // written at the same time by another download
            }
        }
    }

    /** Puts {@code blobs/<etag>} into the snapshot at {@code path}: a relative symlink, else a copy. */
    void link(String etag, String commit, String path) throws IOException {
        Path pointer = pointer(commit, path);
        Path blob = blob(etag);
        Files.createDirectories(pointer.getParent());
        Files.deleteIfExists(pointer);
        try {
            Files.createSymbolicLink(pointer, pointer.getParent().relativize(blob));
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Windows without the symlink privilege: the same fallback as huggingface_hub, a copy of the blob
            Files.copy(blob, pointer, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Moves a finished download into place, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String checkedName(String etag) {
        if (etag.isEmpty() || etag.contains("/") || etag.contains("\\") || etag.startsWith(".")) {
            throw new IllegalArgumentException("etag must be a plain file name, was \"" + etag + "\"");
        }
        return etag;
    }
}
