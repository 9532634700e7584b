package dev.whetstone.engine.data;

import java.util.Objects;

/** A plain-text document for continued pretraining; every token of it is trained. */
public record TextExample(SourceLine source, String text) implements Example {

    public TextExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
