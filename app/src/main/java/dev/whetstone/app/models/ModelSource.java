package dev.whetstone.app.models;

/** Where a model in the list was found. */
public enum ModelSource {
    /** A folder the user added with the folder chooser or by drag-and-drop. */
    LOCAL_FOLDER("Local folder"),
    /** A snapshot in the Hugging Face hub cache ({@code models--Org--Name/snapshots/<revision>}). */
    HF_CACHE("Hugging Face cache"),
    /** A folder under the engine home's {@code models/}. */
    ENGINE_HOME("Whetstone models"),
    /** A base model the remote engine offers, named as it names it; config and tokenizer read from this machine. */
    REMOTE_ENGINE("Remote engine");

    private final String label;

    ModelSource(String label) {
        this.label = label;
    }

    /** The source as people read it, e.g. "Hugging Face cache". */
    public String label() {
        return label;
    }
}
