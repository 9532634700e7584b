package dev.whetstone.app.datasets;

import java.util.List;

/**
 * One undoable change to the rows: at {@code index}, {@code removed} were replaced by {@code inserted}.
 * Add, duplicate, delete and edit are all such splices; undo applies the inverse.
 *
 * <p>Example: {@code new RowEdit("Delete row 4", 3, List.of(row), List.of())}
 */
public record RowEdit(String name, int index, List<DatasetRow> removed, List<DatasetRow> inserted) {

    public RowEdit {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        removed = List.copyOf(removed);
        inserted = List.copyOf(inserted);
    }

    /** The edit that undoes this one. */
    public RowEdit inverse() {
        return new RowEdit(name, index, inserted, removed);
    }

    /** Applies the splice to {@code rows}. */
    public void applyTo(List<DatasetRow> rows) {
        rows.subList(index, index + removed.size()).clear();
        rows.addAll(index, inserted);
    }
}
