package dev.whetstone.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file formats a dataset can be read from. Its {@link #id()} is the spelling of the command line
 * ({@code --format}) and of {@code run.json}, where {@code auto} (detect from the file) stands for none.
 */
public enum DatasetFormat {
    /** JSONL, one {@code {"messages": [{"role": ..., "content": ...}, ...]}} per line (OpenAI style), optional {@code "system"}. */
    CHAT_MESSAGES("messages"),
    /** JSONL, one {@code {"instruction": ..., "input": ..., "output": ...}} per line; {@code input} and {@code system} optional. */
    ALPACA("alpaca"),
    /** JSONL, one {@code {"conversations": [{"from": "human"|"gpt"|"system", "value": ...}, ...]}} per line. */
    SHAREGPT("sharegpt"),
    /** A CSV file with a header row, read through a {@link CsvColumns} mapping. */
    CSV("csv"),
    /** Plain text for continued pretraining: a {@code .txt} file (documents separated by blank lines) or JSONL {@code {"text": ...}}. */
    TEXT("text"),
    /**
     * JSONL preference pairs for DPO: {@code {"prompt": ..., "chosen": ..., "rejected": ...}}, the prompt as text or
     * messages, each reply as text or messages ending in the assistant's reply (without a prompt, chosen and
     * rejected are whole conversations that share everything before their last message).
     */
    PREFERENCE("preference"),
    /**
     * JSONL prompts for GRPO: {@code {"prompt": ..., <fields a reward reads>}} with the prompt as text or messages,
     * or {@code {"messages": [...]}} whose final assistant message, if any, becomes the {@code "answer"} field.
     */
    PROMPTS("prompts");

    /** The spelling that asks for detection from the file instead of a format. */
    public static final String AUTO = "auto";

    private final String id;

    DatasetFormat(String id) {
        this.id = id;
    }

    /** {@code messages}, {@code alpaca}, {@code sharegpt}, {@code csv}, {@code text}, {@code preference} or {@code prompts}. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The format spelled {@code id} (any case), or null for {@code auto} (detect from the file); anything else is
     * an IllegalArgumentException naming the choices.
     */
    @JsonCreator
    public static DatasetFormat fromId(String id) {
        String wanted = id == null ? null : id.toLowerCase(Locale.ROOT);
        if (AUTO.equals(wanted)) {
            return null;
        }
        for (DatasetFormat f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be " + AUTO + ", " + Arrays.stream(values()).map(DatasetFormat::id)
                .collect(Collectors.joining(", ")) + ", was '" + id + "'");
    }

    /** {@code format}'s id, or {@code auto} for null. */
    public static String idOf(DatasetFormat format) {
        return format == null ? AUTO : format.id;
    }
}
