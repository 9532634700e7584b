package dev.whetstone.engine.data;

/** The file formats a dataset can be read from. */
public enum DatasetFormat {
    /** JSONL, one {@code {"messages": [{"role": ..., "content": ...}, ...]}} per line (OpenAI style), optional {@code "system"}. */
    CHAT_MESSAGES,
    /** JSONL, one {@code {"instruction": ..., "input": ..., "output": ...}} per line; {@code input} and {@code system} optional. */
    ALPACA,
    /** JSONL, one {@code {"conversations": [{"from": "human"|"gpt"|"system", "value": ...}, ...]}} per line. */
    SHAREGPT,
    /** A CSV file with a header row, read through a {@link CsvColumns} mapping. */
    CSV,
    /** Plain text for continued pretraining: a {@code .txt} file (documents separated by blank lines) or JSONL {@code {"text": ...}}. */
    TEXT,
    /**
     * JSONL preference pairs for DPO: {@code {"prompt": ..., "chosen": ..., "rejected": ...}}, the prompt as text or
     * messages, each reply as text or messages ending in the assistant's reply (without a prompt, chosen and
     * rejected are whole conversations that share everything before their last message).
     */
    PREFERENCE,
    /**
     * JSONL prompts for GRPO: {@code {"prompt": ..., <fields a reward reads>}} with the prompt as text or messages,
     * or {@code {"messages": [...]}} whose final assistant message, if any, becomes the {@code "answer"} field.
     */
    PROMPTS
}
