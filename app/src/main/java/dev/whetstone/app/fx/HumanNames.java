package dev.whetstone.app.fx;

import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.model.Architecture;
import dev.whetstone.engine.run.RunStatus;
import java.util.function.Function;
import javafx.util.StringConverter;

/**
 * How the engine's enums and status words read on screen: {@code ALL_ASSISTANT_MESSAGES} is
 * "All assistant messages", {@code QWEN3} is "Qwen3", {@code early_stopped} is "stopped early". No pane
 * shows a constant's name.
 *
 * <p>Example: {@code comboBox.setConverter(HumanNames.converter(HumanNames::trainOn))}
 */
public final class HumanNames {
    private HumanNames() {
    }

    /** "Last assistant message", "All assistant messages", "All tokens (prompts too)". */
    public static String trainOn(TrainOn on) {
        return switch (on) {
            case LAST_ASSISTANT_MESSAGE -> "Last assistant message";
            case ALL_ASSISTANT_MESSAGES -> "All assistant messages";
            case ALL_TOKENS -> "All tokens (prompts too)";
        };
    }

    /** The model family as its makers write it: "Qwen3", "Qwen2", "Llama", "Mistral". */
    public static String architecture(Architecture architecture) {
        return switch (architecture) {
            case QWEN3 -> "Qwen3";
            case QWEN2 -> "Qwen2";
            case LLAMA -> "Llama";
            case MISTRAL -> "Mistral";
        };
    }

    /** "chat messages", "Alpaca", "ShareGPT", "CSV", "plain text", "preference pairs", "prompts". */
    public static String format(DatasetFormat format) {
        return switch (format) {
            case CHAT_MESSAGES -> "chat messages";
            case ALPACA -> "Alpaca";
            case SHAREGPT -> "ShareGPT";
            case CSV -> "CSV";
            case TEXT -> "plain text";
            case PREFERENCE -> "preference pairs";
            case PROMPTS -> "prompts";
        };
    }

    /** A run's status in words: "completed", "stopped early", "completed after a divergence", "running". */
    public static String runStatus(RunStatus status) {
        return switch (status) {
            case EARLY_STOPPED -> "stopped early";
            case DIVERGED -> "completed after a divergence";
            default -> status.id();
        };
    }

    /** Why a sample ended: "stopped at a stop token or string", "reached max tokens". */
    public static String stopReason(StopReason reason) {
        return switch (reason) {
            case STOP -> "stopped at a stop token or string";
            case LENGTH -> "reached max tokens";
        };
    }

    /** A one-way converter for choice boxes and combo boxes that shows {@code name}'s text for each value. */
    public static <T> StringConverter<T> converter(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("a choice is picked, not typed");
            }
        };
    }
}
