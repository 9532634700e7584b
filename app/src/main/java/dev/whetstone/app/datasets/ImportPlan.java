package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.engine.data.CsvColumns;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.FormatDetection;
import dev.whetstone.engine.data.FormatDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file about to be imported: the format {@link FormatDetector} detected and why, and for CSV the header's
 * columns and the guessed mapping, for the user to confirm or change.
 *
 * <p>Example: {@code ImportPlan.detect(Path.of("qa.csv")).csvHeader()}
 *
 * @param source    the file to import
 * @param detection the detected format and the reason
 * @param csvHeader the CSV header's columns, empty for other formats
 */
public record ImportPlan(Path source, FormatDetection detection, List<String> csvHeader) {

    public ImportPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detection, "detection");
        csvHeader = List.copyOf(csvHeader);
    }

    /** Detects the format of {@code source}; blocks on disk. */
    public static ImportPlan detect(Path source) {
        FormatDetection detection = FormatDetector.detect(source);
        List<String> header = detection.format() == DatasetFormat.CSV ? CsvHeader.read(source) : List.of();
        return new ImportPlan(source, detection, header);
    }

    public boolean isCsv() {
        return detection.format() == DatasetFormat.CSV;
    }

    /** The guessed CSV mapping, if the header made one obvious. */
    public Optional<CsvColumns> guessedColumns() {
        return detection.csvColumns();
    }

    /** One line for the import bar: {@code "Detected chat messages: line 1 has a \"messages\" array"}. */
    public String summary() {
        return "Detected " + HumanNames.format(detection.format()) + ": "
                + detection.reason();
    }

    /** The library file name the import is saved as: {@code qa.csv} → {@code qa.jsonl}. */
    public String libraryName() {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".jsonl";
    }
}
