package dev.whetstone.engine;

/** Why a sampled sequence ended: a stop string or token was generated, or the length limit was reached. */
public enum StopReason {
    /** A stop string or stop token was generated; a stop token is kept in the sequence. */
    STOP,
    /** {@code maxTokens} (or the model's context) was reached. */
    LENGTH;

    /** Tinker's name: {@code "stop"} or {@code "length"}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
