package dev.whetstone.engine.data;

/**
 * One row of a dataset, whatever its file format: a conversation, a plain-text document for continued
 * pretraining, a preference pair (DPO) or a prompt (GRPO). It remembers where it came from.
 */
public sealed interface Example permits ConversationExample, TextExample, PreferenceExample, PromptExample {

    /** The file and line the row was read from. */
    SourceLine source();
}
