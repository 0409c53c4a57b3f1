package dev.quiver.nodes.io;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.util.List;

/** Settings of the CSV Reader node. */
public record CsvReaderSettings(
        @Label("File")
        @Description("The CSV file to read, relative to the workflow file (so a workflow and its data move together). "
                + "Files ending in .gz, or starting with the gzip signature, are decompressed on the fly.")
        String path,

        @Description("The character between fields: ',' by default; ';' for many European exports; "
                + "'\\t' or 'tab' for tab-separated files.")
        String delimiter,

        @Description("The character that encloses fields containing the delimiter, a quote or a line break. "
                + "Inside a quoted field, a doubled quote stands for one quote.")
        String quote,

        @Label("Has header")
        @Description("Whether the first line holds the column names. Without a header the columns are named "
                + "column1, column2, …; blank or repeated names in a header are made unique the same way.")
        boolean hasHeader,

        @Description("Cells (after trimming spaces) that mean 'missing value'. The empty cell counts only if it is "
                + "listed here.")
        List<String> missingMarkers,

        @Label("Type inference rows")
        @Range(min = 0, max = Integer.MAX_VALUE)
        @Tunable(false)
        @Description("How many data rows decide each column's type (0 = all rows, which reads the file twice). "
                + "A column is long if every non-missing cell is a whole number, double if every one is a number, "
                + "boolean if every one is true or false, and nominal text otherwise.")
        int typeInferenceRows,

        @Label("Nominal columns")
        @Description("Columns read as nominal text whatever their cells look like, for example class labels "
                + "written as 0/1 or 0–9 that should not become numbers.")
        List<String> nominalColumns) {

    public static final List<String> DEFAULT_MISSING_MARKERS = List.of("", "NA", "NaN", "?");

    public CsvReaderSettings {
        path = path == null ? "" : path;
        delimiter = delimiter == null ? "," : delimiter;
        quote = quote == null ? "\"" : quote;
        missingMarkers = missingMarkers == null ? DEFAULT_MISSING_MARKERS : List.copyOf(missingMarkers);
        nominalColumns = nominalColumns == null ? List.of() : List.copyOf(nominalColumns);
        char d = character(delimiter, "Delimiter");
        char q = character(quote, "Quote");
        if (d == q) {
            throw new InvalidInputException("Delimiter and quote are both '" + delimiter
                    + "'. Choose two different characters.");
        }
        if (d == '\n' || d == '\r' || q == '\n' || q == '\r') {
            throw new InvalidInputException("A line break cannot be the delimiter or the quote. Choose another character.");
        }
    }

    public static CsvReaderSettings defaults() {
        return new CsvReaderSettings("", ",", "\"", true, DEFAULT_MISSING_MARKERS, 10_000, List.of());
    }

    char delimiterChar() {
        return character(delimiter, "Delimiter");
    }

    char quoteChar() {
        return character(quote, "Quote");
    }

    /** One character, also accepting the spelled-out tab that people type into a form field. */
    static char character(String value, String what) {
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new InvalidInputException(what + " is '" + value + "', but must be exactly one character"
                    + " (write \\t or tab for a tab). Change '" + what + "'.");
        }
        return value.charAt(0);
    }
}
