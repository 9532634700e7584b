package dev.whetstone.engine.reward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One completion to score, with the dataset row it answers.
 *
 * @param row        the prompt row's fields as read (plus {@code answer} from a final assistant message); copied in and out
 * @param completion the completion's text, decoded without its end-of-turn token
 */
public record RewardInput(ObjectNode row, String completion) {

    public RewardInput {
        row = Objects.requireNonNull(row, "row").deepCopy();
        Objects.requireNonNull(completion, "completion");
    }

    @Override
    public ObjectNode row() {
        return row.deepCopy();
    }

    /** The text of field {@code name}, or null when the row lacks it. */
    public String field(String name) {
        return row.hasNonNull(name) ? row.get(name).asText() : null;
    }

    /** The JSON line a reward program reads: the row's fields with {@code "completion"} set to the completion. */
    public ObjectNode asLine() {
        ObjectNode line = row.deepCopy();
        line.put("completion", completion);
        return line;
    }
}
