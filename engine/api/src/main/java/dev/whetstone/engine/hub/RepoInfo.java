package dev.whetstone.engine.hub;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A repo at one commit, as {@code GET /api/models/{repo}/revision/{revision}?blobs=true} describes it.
 *
 * @param repoId the repo's id as the hub spells it
 * @param commit the commit the revision points at (40 hex digits)
 * @param gated  whether the repo is gated (its files need an accepted licence and a token)
 * @param files  every file of the repo at that commit
 */
public record RepoInfo(String repoId, String commit, boolean gated, List<RepoFile> files) {

    public RepoInfo {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
    }

    /** The file at {@code path}, if the repo has it. */
    public Optional<RepoFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
