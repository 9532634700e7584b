package dev.whetstone.engine.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model to download: a Hugging Face repo id and a revision (branch, tag or commit).
 *
 * <p>Example: {@code ModelRequest.of("Qwen/Qwen3-0.6B", "main").cacheFolderName()} is {@code "models--Qwen--Qwen3-0.6B"}
 *
 * @param repoId   {@code Owner/Name}, as on the hub (letters, digits, {@code . _ -}; no {@code --} or {@code ..})
 * @param revision a branch, tag or commit; {@value #DEFAULT_REVISION} if the user gave none
 */
public record ModelRequest(String repoId, String revision) {

    /** The revision used when none is given. */
    public static final String DEFAULT_REVISION = "main";

    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public ModelRequest {
        Objects.requireNonNull(repoId, "repoId");
        repoId = repoId.strip();
        revision = revision == null || revision.isBlank() ? DEFAULT_REVISION : revision.strip();
        if (!REPO_ID.matcher(repoId).matches() || repoId.contains("--") || repoId.contains("..")) {
            throw new IllegalArgumentException("repo id must be Owner/Name as on the Hugging Face Hub (letters, digits, . _ -;"
                    + " no -- or ..), such as Qwen/Qwen3-0.6B; was \"" + repoId + "\"");
        }
        if (revision.length() > 256 || revision.contains("..") || revision.startsWith("/") || revision.endsWith("/")
                || revision.chars().anyMatch(c -> c <= ' ' || c == '\\' || c == 0x7f)) {
            throw new IllegalArgumentException("revision must be a branch, tag or commit such as main or v1.0"
                    + " (no spaces, .., or leading /), was \"" + revision + "\"");
        }
    }

    /** {@code repoId} at {@value #DEFAULT_REVISION} when {@code revision} is null or blank. */
    public static ModelRequest of(String repoId, String revision) {
        return new ModelRequest(repoId, revision);
    }

    /** The repo's folder in the hub cache: {@code models--Owner--Name}. */
    public String cacheFolderName() {
        return "models--" + repoId.replace("/", "--");
    }

    /** Whether the revision is a full commit hash (40 lowercase hex digits), which never moves. */
    public boolean isCommit() {
        return COMMIT.matcher(revision).matches();
    }

    @Override
    public String toString() {
        return repoId + (revision.equals(DEFAULT_REVISION) ? "" : " (revision " + revision + ")");
    }
}
