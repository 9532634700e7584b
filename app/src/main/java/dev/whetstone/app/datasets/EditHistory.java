package dev.whetstone.app.datasets;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The editor's undo and redo stacks of {@link RowEdit}s, at most {@link #LIMIT} deep. Not thread-safe:
 * the FX thread owns it.
 */
public final class EditHistory {
    /** Edits kept for undo. */
    public static final int LIMIT = 200;

    private final Deque<RowEdit> undo = new ArrayDeque<>();
    private final Deque<RowEdit> redo = new ArrayDeque<>();

    /** Applies {@code edit} to {@code rows} and makes it undoable; clears redo. */
    public void apply(RowEdit edit, List<DatasetRow> rows) {
        edit.applyTo(rows);
        undo.push(edit);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    /** Undoes the last edit on {@code rows}; returns it, or empty when there is none. */
    public Optional<RowEdit> undo(List<DatasetRow> rows) {
        return move(undo, redo, rows, true);
    }

    /** Redoes the last undone edit on {@code rows}. */
    public Optional<RowEdit> redo(List<DatasetRow> rows) {
        return move(redo, undo, rows, false);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Forgets every edit (a new file was opened). */
    public void clear() {
        undo.clear();
        redo.clear();
    }

    private static Optional<RowEdit> move(Deque<RowEdit> from, Deque<RowEdit> to, List<DatasetRow> rows, boolean inverse) {
        RowEdit edit = from.poll();
        if (edit == null) {
            return Optional.empty();
        }
        (inverse ? edit.inverse() : edit).applyTo(rows);
        to.push(edit);
        return Optional.of(edit);
    }
}
