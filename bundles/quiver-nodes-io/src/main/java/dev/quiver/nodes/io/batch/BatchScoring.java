package dev.quiver.nodes.io.batch;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores CSV lines with a model or pipeline and formats the scored rows as CSV.
 *
 * <p>One record per line: a cluster splits a file at line breaks, so a quoted field spanning lines
 * cannot be supported there, and the local stream refuses it too so that both give the same answer.
 * The model's feature columns are parsed with the types it was trained on (an unparsable cell is an
 * error naming its line); every other column is carried through as text, unchanged. Output: the
 * input columns, then the prediction columns ({@code prediction}, {@code P(class)}).
 */
public final class BatchScoring {
    private final Model model;
    private final String source;
    private final List<String> names;
    private final List<Optional<ColumnSpec>> typed;

    /**
     * @param headerLine the file's first line, naming its columns
     * @param source the file's name, for messages
     */
    public BatchScoring(Model model, String headerLine, String source) {
        this.model = model;
        this.source = source;
        this.names = List.of(split(headerLine, 1, source));
        Map<String, ColumnSpec> features = new HashMap<>();
        for (ColumnSpec f : model.spec().features()) {
            features.put(f.name(), f);
        }
        var missing = model.spec().features().stream().map(ColumnSpec::name).filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The model needs column(s) " + String.join(", ", missing) + " that "
                    + source + " lacks (its header: " + String.join(", ", names) + "). Score a file with the columns"
                    + " the model was trained on.");
        }
        for (ColumnSpec p : model.spec().predictionColumns()) {
            if (names.contains(p.name())) {
                throw new InvalidInputException(source + " already has a column '" + p.name() + "', which scoring"
                        + " writes. Rename or drop it first.");
            }
        }
        var t = new ArrayList<Optional<ColumnSpec>>();
        for (String n : names) {
            t.add(Optional.ofNullable(features.get(n)));
        }
        this.typed = t;
    }

    /**
     * Parses data lines into a table: feature columns typed as at training, the rest as text.
     *
     * @param firstLineNumber the 1-based line number of {@code lines.get(0)} in the file, for messages
     */
    public Table parse(List<String> lines, long firstLineNumber) {
        int width = names.size();
        String[][] cells = new String[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = split(lines.get(i), firstLineNumber + i, source);
            if (fields.length != width) {
                throw new InvalidInputException(String.format(Locale.ROOT, "Line %d of %s has %d field(s), but the"
                        + " header has %d. Fix that line: look for a missing or extra comma, an unbalanced quote, or a"
                        + " quoted line break (batch scoring reads one record per line).", firstLineNumber + i, source,
                        fields.length, width));
            }
            cells[i] = fields;
        }
        var columns = new ArrayList<Column>(width);
        for (int j = 0; j < width; j++) {
            columns.add(column(j, cells, firstLineNumber));
        }
        return Table.of(columns);
    }

    private Column column(int j, String[][] cells, long firstLine) {
        int n = cells.length;
        String name = names.get(j);
        ColumnSpec feature = typed.get(j).orElse(null);
        ColumnType type = feature == null ? ColumnType.STRING : feature.type();
        switch (type) {
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    String c = cells[i][j].strip();
                    v[i] = c.isEmpty() ? Double.NaN : number(c, i, j, firstLine, "a number");
                }
                return DoubleColumn.wrap(new ColumnSpec(name, ColumnType.DOUBLE), v);
            }
            case LONG -> {
                long[] v = new long[n];
                BitSet missing = new BitSet();
                for (int i = 0; i < n; i++) {
                    String c = cells[i][j].strip();
                    if (c.isEmpty()) {
                        missing.set(i);
                        continue;
                    }
                    double d = number(c, i, j, firstLine, "a whole number");
                    if (d != Math.rint(d) || Double.isInfinite(d)) {
                        throw notA(c, i, j, firstLine, "a whole number");
                    }
                    v[i] = (long) d;
                }
                return LongColumn.wrap(new ColumnSpec(name, ColumnType.LONG), v, missing);
            }
            case BOOLEAN -> {
                BitSet values = new BitSet();
                BitSet missing = new BitSet();
                for (int i = 0; i < n; i++) {
                    String c = cells[i][j].strip();
                    if (c.isEmpty()) {
                        missing.set(i);
                    } else if (c.equalsIgnoreCase("true") || c.equalsIgnoreCase("false")) {
                        values.set(i, c.equalsIgnoreCase("true"));
                    } else {
                        throw notA(c, i, j, firstLine, "true or false");
                    }
                }
                return BooleanColumn.wrap(new ColumnSpec(name, ColumnType.BOOLEAN), values, missing, n);
            }
            default -> {
                var values = new ArrayList<String>(n);
                for (int i = 0; i < n; i++) {
                    String c = cells[i][j];
                    values.add(c.isEmpty() ? null : c);
                }
                // A nominal feature keeps its training domain, so codes mean what they meant at fit time.
                ColumnSpec spec = feature != null && !feature.domain().isEmpty()
                        ? new ColumnSpec(name, ColumnType.STRING).withDomain(feature.domain())
                        : new ColumnSpec(name, ColumnType.STRING);
                return StringColumn.of(spec, values);
            }
        }
    }

    private double number(String cell, int row, int column, long firstLine, String what) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw notA(cell, row, column, firstLine, what);
        }
    }

    private InvalidInputException notA(String cell, int row, int column, long firstLine, String what) {
        return new InvalidInputException(String.format(Locale.ROOT, "Line %d of %s, column '%s': '%s' is not %s,"
                + " but the model was trained on it as %s column. Fix the cell, or leave it empty for a missing value.",
                firstLine + row, source, names.get(column), cell, what,
                typed.get(column).map(s -> "a " + s.type().label()).orElse("a")));
    }

    /** The scored rows: the input columns followed by the model's prediction columns. */
    public Table score(List<String> lines, long firstLineNumber, ExecutionContext context) {
        Table input = parse(lines, firstLineNumber);
        Table predicted = model.predict(input, context);
        var columns = new ArrayList<Column>();
        for (int j = 0; j < input.columnCount(); j++) {
            columns.add(input.column(j));
        }
        for (ColumnSpec p : model.spec().predictionColumns()) {
            columns.add(predicted.column(p.name()));
        }
        return Table.of(columns);
    }

    /** The header line of every part file. */
    public String outputHeader() {
        var out = new ArrayList<String>(names);
        model.spec().predictionColumns().forEach(c -> out.add(c.name()));
        return String.join(",", out.stream().map(BatchScoring::quote).toList());
    }

    /** Writes scored rows as CSV lines (no header): missing cells empty, numbers in Java's shortest form. */
    public static void writeRows(Table scored, Writer out) throws IOException {
        var sb = new StringBuilder(256);
        for (int i = 0; i < scored.rowCount(); i++) {
            sb.setLength(0);
            for (int j = 0; j < scored.columnCount(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                String cell = scored.column(j).format(i);
                if (cell != null) {
                    sb.append(quote(cell));
                }
            }
            sb.append('\n');
            out.write(sb.toString());
        }
    }

    /** The name of part {@code index}: part-00000.csv, part-00001.csv, … */
    public static String partName(int index) {
        return String.format(Locale.ROOT, "part-%05d.csv", index);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Splits one CSV line (comma-separated, {@code "} quotes with {@code ""} for a quote inside). */
    static String[] split(String line, long lineNumber, String source) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            n--;
        }
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new InvalidInputException("Line " + lineNumber + " of " + source + " opens a quoted field"
                                + " that is not closed on that line. Close the quote (batch scoring reads one record"
                                + " per line).");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new InvalidInputException("Line " + lineNumber + " of " + source + " has text after a closing"
                            + " quote at position " + (i + 1) + ". Quote the whole field.");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                break;
            }
            i++; // the comma
        }
        return fields.toArray(new String[0]);
    }
}
