package dev.whetstone.engine.run;

import java.util.Objects;

/**
 * An input of a run that is not what the run began with: changed, or gone. A resume warns about it and goes on.
 *
 * @param recorded     the input as the run card recorded it
 * @param currentSha256 its SHA-256 now, or null when the file is gone
 */
public record InputChange(RunInput recorded, String currentSha256) {
    public InputChange {
        Objects.requireNonNull(recorded, "recorded");
    }

    /** "the dataset /data/chat.jsonl changed since the run began (sha256 9f86d081 → 2c26b46b)". */
    public String message() {
        String what = recorded.role().describe() + " " + recorded.path();
        return currentSha256 == null ? what + " is gone since the run began"
                : what + " changed since the run began (sha256 " + recorded.sha256().substring(0, 8) + " → "
                        + currentSha256.substring(0, 8) + ")";
    }
}
