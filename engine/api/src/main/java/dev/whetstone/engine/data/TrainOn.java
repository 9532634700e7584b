package dev.whetstone.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which tokens of a conversation the loss trains on (tinker-cookbook's {@code TrainOnWhat}). Its
 * {@link #id()} is the spelling of the command line ({@code --train-on}) and of {@code run.json}.
 */
public enum TrainOn {
    /** Only the last assistant message (its content and end-of-turn token). */
    LAST_ASSISTANT_MESSAGE("last_assistant"),
    /** Every assistant message; headers, system and user turns are masked. */
    ALL_ASSISTANT_MESSAGES("all_assistant"),
    /** Every token, headers and prompts included. */
    ALL_TOKENS("all");

    private final String id;

    TrainOn(String id) {
        this.id = id;
    }

    /** {@code last_assistant}, {@code all_assistant} or {@code all}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The value spelled {@code id} (any case); anything else is an IllegalArgumentException naming the choices. */
    @JsonCreator
    public static TrainOn fromId(String id) {
        for (TrainOn on : values()) {
            if (on.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return on;
            }
        }
        throw new IllegalArgumentException("trainOn must be " + Arrays.stream(values()).map(TrainOn::id)
                .collect(Collectors.joining(", ")) + ", was '" + id + "'");
    }
}
