package dev.whetstone.engine.data;

/** Which tokens of a conversation the loss trains on (tinker-cookbook's {@code TrainOnWhat}). */
public enum TrainOn {
    /** Only the last assistant message (its content and end-of-turn token). */
    LAST_ASSISTANT_MESSAGE,
    /** Every assistant message; headers, system and user turns are masked. */
    ALL_ASSISTANT_MESSAGES,
    /** Every token, headers and prompts included. */
    ALL_TOKENS
}
