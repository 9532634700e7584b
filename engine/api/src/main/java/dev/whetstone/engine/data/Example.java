package dev.whetstone.engine.data;

/**
 * One row of a dataset, whatever its file format: a conversation, or a plain-text document for
 * continued pretraining. It remembers where it came from.
 */
public sealed interface Example permits ConversationExample, TextExample {

    /** The file and line the row was read from. */
    SourceLine source();
}
