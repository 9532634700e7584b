package dev.whetstone.app.playground;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/** One side of the playground (A, or B when comparing): the model sampled, the tokens streamed so far and their alternatives. */
public final class SampleSide {
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<TokenPiece> tokens = FXCollections.observableArrayList();
    private final ObservableMap<Long, List<TokenChoice>> alternatives = FXCollections.observableHashMap();

    /** A base model (folder or id), a {@code tinker://} checkpoint or a PEFT folder; blank means unused. */
    public StringProperty model() { return model; }

    /** "streaming", "stopped", "12 tokens (stop)" or an error. */
    public StringProperty status() { return status; }

    /** Streamed tokens of every sample, in arrival order. */
    public ObservableList<TokenPiece> tokens() { return tokens; }

    /** The model's top alternatives of each generated token, filled after a sample ends: see {@link #alternatives(TokenPiece)}. */
    public ObservableMap<Long, List<TokenChoice>> alternatives() { return alternatives; }

    /** The alternatives of {@code piece}, most likely first; empty until computed. */
    public List<TokenChoice> alternatives(TokenPiece piece) {
        return alternatives.getOrDefault(key(piece.sequence(), piece.position()), List.of());
    }

    /** The key of token {@code position} of sample {@code sequence} in {@link #alternatives()}. */
    public static long key(int sequence, int position) {
        return ((long) sequence << 32) | position;
    }

    /** The text of sample {@code sequence} so far. */
    public String text(int sequence) {
        StringBuilder text = new StringBuilder();
        tokens.stream().filter(t -> t.sequence() == sequence).forEach(t -> text.append(t.text()));
        return text.toString();
    }
}
