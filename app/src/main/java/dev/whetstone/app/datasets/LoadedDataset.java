package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetFormat;
import java.util.List;
import java.util.Objects;

/**
 * A dataset file read for the editor: its rows in file order (broken lines included, as error rows),
 * the format it was read as, and the problems that belong to no row (an empty file).
 *
 * @param rows         every row, in the order of the file
 * @param format       the format the file was read as
 * @param fileProblems problems about the whole file
 */
public record LoadedDataset(List<DatasetRow> rows, DatasetFormat format, List<DataProblem> fileProblems) {

    public LoadedDataset {
        rows = List.copyOf(rows);
        Objects.requireNonNull(format, "format");
        fileProblems = List.copyOf(fileProblems);
    }

    /** How many rows could not be read. */
    public long brokenRows() {
        return rows.stream().filter(DatasetRow::isBroken).count();
    }
}
