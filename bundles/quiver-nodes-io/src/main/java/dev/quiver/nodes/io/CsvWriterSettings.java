package dev.quiver.nodes.io;

import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;

/** Settings of the CSV Writer node. */
public record CsvWriterSettings(
        @Label("File")
        @Description("The CSV file to write, relative to the workflow file. A name ending in .gz is gzip-compressed. "
                + "Missing folders are created.")
        String path,

        @Description("The character between fields: ',' by default, or for example ';' or '\\t' (tab).")
        String delimiter,

        @Label("Missing marker")
        @Description("What a missing cell is written as: empty by default, or for example NA.")
        String missingMarker,

        @Description("Whether an existing file may be replaced. The file is written to a temporary file first "
                + "and moved into place, so readers never see half a file.")
        boolean overwrite) {

    public CsvWriterSettings {
        path = path == null ? "" : path;
        delimiter = delimiter == null ? "," : delimiter;
        missingMarker = missingMarker == null ? "" : missingMarker;
        char d = CsvReaderSettings.character(delimiter, "Delimiter");
        if (d == '"' || d == '\n' || d == '\r') {
            throw new dev.quiver.api.InvalidInputException("Delimiter cannot be a quote or a line break. Choose another character.");
        }
    }

    public static CsvWriterSettings defaults() {
        return new CsvWriterSettings("", ",", "", true);
    }

    char delimiterChar() {
        return CsvReaderSettings.character(delimiter, "Delimiter");
    }
}
