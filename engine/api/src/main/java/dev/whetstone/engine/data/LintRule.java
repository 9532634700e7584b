package dev.whetstone.engine.data;

/**
 * The kinds of dataset problem, each with its fixed {@link Severity} and a short title for the lint panel.
 */
public enum LintRule {
    /** A row that could not be read: bad JSON, wrong encoding, binary, a huge line, missing fields. */
    UNREADABLE_ROW(Severity.ERROR, "Unreadable row"),
    /** A file with no rows at all. */
    EMPTY_DATASET(Severity.ERROR, "Empty dataset"),
    /** A role other than system, user, assistant or tool. */
    BAD_ROLE(Severity.ERROR, "Bad role"),
    /** System not first, two user or two assistant turns in a row, or an assistant before any user. */
    ROLE_ORDER(Severity.ERROR, "Roles out of order"),
    /** The model's chat template refused or failed on the row. */
    TEMPLATE_ERROR(Severity.ERROR, "Chat template error"),
    /** Nothing in the row is trained (e.g. it ends with a user turn, or truncation cut every trained token). */
    NO_TRAINED_TOKENS(Severity.ERROR, "No trained tokens"),
    /** An assistant turn with no text: the model would learn to answer with nothing. */
    EMPTY_ASSISTANT(Severity.WARNING, "Empty assistant turn"),
    /** The max length cuts trained tokens off the end of the row. */
    TRUNCATED(Severity.WARNING, "Trained tokens cut by truncation"),
    /** The trained part holds no end-of-turn / EOS token: the model will not learn to stop. */
    MISSING_EOS(Severity.WARNING, "No EOS in the trained part"),
    /** The same row occurs earlier in the same split. */
    DUPLICATE(Severity.WARNING, "Exact duplicate"),
    /** A validation row that also occurs in the training split. */
    LEAKAGE(Severity.WARNING, "Train/validation leakage"),
    /** A preference pair whose chosen and rejected replies are the same (before or after truncation): it teaches nothing. */
    IDENTICAL_PAIR(Severity.WARNING, "Identical pair"),
    /** A prompt row lacks a field its reward reads (e.g. {@code answer} for {@code exact-match:answer}). */
    MISSING_FIELD(Severity.ERROR, "Field the reward needs is missing"),
    /** A prompt so long that the max length leaves no room for a completion. */
    PROMPT_TOO_LONG(Severity.ERROR, "Prompt leaves no room for a completion");

    private final Severity severity;
    private final String title;

    LintRule(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
