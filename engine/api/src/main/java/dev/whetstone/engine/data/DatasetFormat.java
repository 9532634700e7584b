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
    TEXT
}
