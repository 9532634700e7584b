package dev.whetstone.app.playground;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One side of the playground (A, or B when comparing): the model sampled and the tokens streamed so far. */
public final class SampleSide {
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<TokenPiece> tokens = FXCollections.observableArrayList();

    /** A base model (folder or id), a {@code tinker://} checkpoint or a PEFT folder; blank means unused. */
    public StringProperty model() { return model; }

    /** "streaming", "stopped", "12 tokens (stop)" or an error. */
    public StringProperty status() { return status; }

    /** Streamed tokens of every sample, in arrival order. */
    public ObservableList<TokenPiece> tokens() { return tokens; }

    /** The text of sample {@code sequence} so far. */
    public String text(int sequence) {
        StringBuilder text = new StringBuilder();
        tokens.stream().filter(t -> t.sequence() == sequence).forEach(t -> text.append(t.text()));
        return text.toString();
    }
}
