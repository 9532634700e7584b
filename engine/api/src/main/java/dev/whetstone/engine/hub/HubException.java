package dev.whetstone.engine.hub;

import dev.whetstone.engine.WorkbenchException;
import java.util.Objects;

/**
 * A download from the Hugging Face Hub that could not be done, with a message that says what to do: a
 * gated or private repo, a repo or revision that does not exist, offline mode, the network, a file whose
 * hash is not the hub's.
 */
public final class HubException extends WorkbenchException {

    /** Why; {@link #isBadInput()} says whether the user's request (or setup) has to change. */
    public enum Reason {
        /** A gated repo: accept its licence on the hub and send a token. */
        GATED(true),
        /** The hub refused the token (invalid, expired, or without the needed permission). */
        UNAUTHORIZED(true),
        /** No such repo, or a private one the token cannot see. */
        REPO_NOT_FOUND(true),
        /** The repo has no such branch, tag or commit. */
        REVISION_NOT_FOUND(true),
        /** The repo holds no model Whetstone can read (no config.json or no safetensors weights). */
        NOT_A_MODEL(true),
        /** Offline mode is on and the cache does not hold the model. */
        OFFLINE(true),
        /** The hub could not be reached, or the connection kept breaking. */
        NETWORK(false),
        /** The hub answered with an error of its own (5xx, rate limit, a reply it should not give). */
        SERVER(false),
        /** A downloaded file's hash is not the one the hub announced. */
        HASH_MISMATCH(false),
        /** The cache could not be written. */
        DISK(false);

        private final boolean badInput;

        Reason(boolean badInput) {
            this.badInput = badInput;
        }
    }

    private final Reason reason;

    public HubException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public HubException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the request or the setup must change (exit code 2 on the command line), not just be retried. */
    public boolean isBadInput() {
        return reason.badInput;
    }
}
