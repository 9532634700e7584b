package dev.whetstone.engine.data;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FormatDetector} decided and why, for the user to confirm:
 * {@code "chat messages: line 1 has a \"messages\" array"}.
 *
 * @param format     the detected format
 * @param reason     one sentence a user can check
 * @param csvColumns for CSV, the column mapping guessed from the header, if any
 */
public record FormatDetection(DatasetFormat format, String reason, Optional<CsvColumns> csvColumns) {

    public FormatDetection {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(csvColumns, "csvColumns");
    }

    @Override
    public String toString() {
        return format + ": " + reason;
    }
}
