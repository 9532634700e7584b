package dev.whetstone.app.datasets;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.whetstone.engine.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The column names of a CSV file's header row, for the import's column mapping. Blocks on disk. */
final class CsvHeader {
    private CsvHeader() {
    }

    static List<String> read(Path file) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (InputStream in = Files.newInputStream(file);
             var rows = new CsvMapper().readerForMapOf(String.class).with(schema).<Map<String, String>>readValues(in)) {
            rows.hasNextValue();
            List<String> header = new ArrayList<>();
            ((CsvSchema) rows.getParserSchema()).iterator().forEachRemaining(c -> header.add(c.getName()));
            return header;
        } catch (IOException | RuntimeException e) {
            throw new DatasetException("Cannot read the CSV header of " + file + ": " + e.getMessage(), e);
        }
    }
}
