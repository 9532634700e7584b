package dev.whetstone.engine.hub;

import dev.whetstone.engine.hub.HubException.Reason;
import java.net.http.HttpHeaders;

/**
 * Turns an error answer of the hub into a {@link HubException} that says what to do. The hub names the
 * error in {@code X-Error-Code} ({@code GatedRepo}, {@code RepoNotFound}, {@code RevisionNotFound},
 * {@code EntryNotFound}) and explains it in {@code X-Error-Message}; a 401 without a code means a missing,
 * private or gated repo to an anonymous caller, or a bad token.
 */
final class HubRefusal {
    private static final String TOKENS_PAGE = "/settings/tokens";

    private HubRefusal() {
    }

    /** The exception for answer {@code status} with {@code headers} to a request for {@code file} (or null) of {@code request}. */
    static HubException of(int status, HttpHeaders headers, ModelRequest request, String file, HubSettings settings) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String hubMessage = headers.firstValue("X-Error-Message").orElse("");
        String endpoint = settings.endpoint().toString();
        String repo = request.repoId();
        String page = endpoint + "/" + repo;
        String said = " (the hub answered " + status + (hubMessage.isEmpty() ? "" : ": " + hubMessage) + ")";
        if (code.equals("GatedRepo")) {
            return new HubException(Reason.GATED, settings.hasToken()
                    ? repo + " is a gated model and your token's account has no access to it yet: request access at " + page
                            + " and wait until it is granted; check that the token can read gated repos" + said
                    : repo + " is a gated model: log in at " + page + " and accept its licence, create a read token at "
                            + endpoint + TOKENS_PAGE + ", and set HF_TOKEN to it (or run `huggingface-cli login`)" + said);
        }
        if (code.equals("RevisionNotFound")) {
            return new HubException(Reason.REVISION_NOT_FOUND, repo + " has no revision \"" + request.revision()
                    + "\": give a branch, tag or commit that exists (the default is main)" + said);
        }
        if (code.equals("EntryNotFound")) {
            return new HubException(Reason.NOT_A_MODEL, repo + " has no file " + file + " at revision " + request.revision()
                    + "; the hub's file list and its files disagree, try again later" + said);
        }
        if (status == 401 && hubMessage.startsWith("Invalid credentials")) {
            return new HubException(Reason.UNAUTHORIZED, "the hub refused the access token (invalid or expired): create a new"
                    + " read token at " + endpoint + TOKENS_PAGE + " and set HF_TOKEN to it, or unset HF_TOKEN for public models" + said);
        }
        if (code.equals("RepoNotFound") || status == 401 || status == 404) {
            return new HubException(Reason.REPO_NOT_FOUND, repo + " was not found on " + endpoint + ": check the repo id"
                    + " (Owner/Name, as on its page)" + (settings.hasToken() ? "; if it is private, your token cannot see it"
                    : "; if it is private or gated, set HF_TOKEN to a read token from " + endpoint + TOKENS_PAGE) + said);
        }
        if (status == 403) {
            return new HubException(Reason.UNAUTHORIZED, "the hub refused access to " + repo + (file == null ? "" : " " + file)
                    + ": check that your token (HF_TOKEN) has read permission for this repo" + said);
        }
        if (status == 429) {
            return new HubException(Reason.SERVER, "the hub is rate-limiting downloads: wait a few minutes and run the"
                    + " download again (it resumes); a token (HF_TOKEN) raises the limit" + said);
        }
        return new HubException(Reason.SERVER, "the hub could not serve " + repo + (file == null ? "" : " " + file)
                + "; try again later (the download resumes where it stopped)" + said);
    }
}
