package dev.quiver.nodes.io;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file into a {@link Table} in two steps that share one definition of the layout: the
 * header and the column types inferred from the first rows (what configure shows), then every row
 * parsed into typed columns that must fit that layout.
 */
final class CsvTableReader {
    /** Rows between progress reports and cancellation checks. */
    static final int REPORT_EVERY = 8192;
    /** Nominal columns with more distinct values than this get no domain at configure time. */
    static final int DOMAIN_LIMIT = 1000;

    /**
     * The file's columns as inference saw them. {@code domains} holds the sorted values of nominal
     * columns when inference read the whole file, else null for that column (unknown until execution).
     */
    record Layout(List<String> names, List<String> renames, List<ColumnType> types, List<List<String>> domains,
            long rowsInspected, boolean wholeFile) {

        TableSpec spec() {
            var cols = new ArrayList<ColumnSpec>();
            for (int j = 0; j < names.size(); j++) {
                var spec = new ColumnSpec(names.get(j), types.get(j));
                cols.add(domains.get(j) == null ? spec : spec.withDomain(domains.get(j)));
            }
            return new TableSpec(cols);
        }
    }

    private final CsvReaderSettings settings;
    private final Path path;
    private final Set<String> missingMarkers;

    CsvTableReader(CsvReaderSettings settings, Path path) {
        this.settings = settings;
        this.path = path;
        this.missingMarkers = new HashSet<>(settings.missingMarkers());
    }

    private CsvSource open() {
        return CsvSource.open(path, settings.delimiterChar(), settings.quoteChar());
    }

    /** Infers the layout; reports progress into {@code context} when it is not null. */
    Layout inferLayout(ExecutionContext context) {
        try (CsvSource src = open()) {
            CsvLine first = src.next();
            if (first == null) {
                throw new InvalidInputException("The file " + path.getFileName()
                        + " is empty. Choose a file with a header line and data rows.");
            }
            var renames = new ArrayList<String>();
            List<String> names = columnNames(first, renames);
            var states = new ColumnState[names.size()];
            for (int j = 0; j < states.length; j++) {
                states[j] = new ColumnState();
            }
            long limit = settings.typeInferenceRows() == 0 ? Long.MAX_VALUE : settings.typeInferenceRows();
            long rows = 0;
            CsvLine line = settings.hasHeader() ? src.next() : first;
            while (line != null && rows < limit) {
                checkWidth(line, names.size());
                for (int j = 0; j < states.length; j++) {
                    String cell = line.fields()[j];
                    if (!isMissing(cell)) {
                        states[j].accept(cell);
                    }
                }
                rows++;
                if (context != null && rows % REPORT_EVERY == 0) {
                    context.checkCanceled();
                    context.progress(src.fractionRead(), String.format(Locale.ROOT, "Inferring types: %,d rows", rows));
                }
                line = src.next();
            }
            boolean wholeFile = line == null;
            if (rows == 0) {
                throw new InvalidInputException("The file " + path.getFileName() + " has a header but no data rows"
                        + (settings.hasHeader() ? "" : " (and 'Has header' is off)") + ". Choose a file with data.");
            }
            var nominal = new HashSet<>(settings.nominalColumns());
            var unknown = nominal.stream().filter(n -> !names.contains(n)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("Nominal columns: " + String.join(", ", unknown) + " not found in "
                        + path.getFileName() + " (available: " + String.join(", ", names) + "). Choose columns of the file.");
            }
            var types = new ArrayList<ColumnType>();
            var domains = new ArrayList<List<String>>();
            for (int j = 0; j < states.length; j++) {
                ColumnState s = states[j];
                ColumnType t = nominal.contains(names.get(j)) ? ColumnType.STRING : s.type();
                types.add(t);
                domains.add(t == ColumnType.STRING && wholeFile && s.distinct != null
                        ? s.distinct.stream().sorted().toList() : null);
            }
            return new Layout(names, renames, types, domains, rows, wholeFile);
        }
    }

    /** Reads every row into columns of the inferred layout. */
    Table read(ExecutionContext context) {
        boolean twoPasses = settings.typeInferenceRows() == 0;
        ExecutionContext inferContext = twoPasses ? context.subProgress(0, 0.5) : null;
        ExecutionContext readContext = twoPasses ? context.subProgress(0.5, 1) : context;
        Layout layout = inferLayout(inferContext);
        if (!layout.renames().isEmpty()) {
            context.warn("Renamed header(s) to make every column name unique and non-blank: "
                    + String.join("; ", layout.renames()) + ".");
        }
        int width = layout.names().size();
        var builders = new ColumnBuilder[width];
        for (int j = 0; j < width; j++) {
            builders[j] = switch (layout.types().get(j)) {
                case LONG -> new LongBuilder();
                case DOUBLE -> new DoubleBuilder();
                case BOOLEAN -> new BooleanBuilder();
                case STRING -> new StringBuilderColumn();
            };
        }
        readContext.progress(0, "Reading " + path.getFileName());
        int rows = 0;
        try (CsvSource src = open()) {
            CsvLine line = src.next();
            if (settings.hasHeader()) {
                line = src.next();
            }
            for (; line != null; line = src.next()) {
                checkWidth(line, width);
                String[] fields = line.fields();
                for (int j = 0; j < width; j++) {
                    String cell = fields[j];
                    if (isMissing(cell)) {
                        builders[j].addMissing(rows);
                    } else if (!builders[j].add(rows, cell)) {
                        throw mismatch(line, layout, j, cell);
                    }
                }
                rows++;
                if (rows % REPORT_EVERY == 0) {
                    readContext.checkCanceled();
                    readContext.progress(src.fractionRead(), String.format(Locale.ROOT, "Read %,d rows", rows));
                }
            }
        }
        var columns = new ArrayList<Column>();
        for (int j = 0; j < width; j++) {
            columns.add(builders[j].build(new ColumnSpec(layout.names().get(j), layout.types().get(j)), rows));
        }
        readContext.progress(1, String.format(Locale.ROOT, "Read %,d rows", rows));
        return Table.of(columns);
    }

    private boolean isMissing(String cell) {
        return missingMarkers.contains(cell) || missingMarkers.contains(cell.strip());
    }

    private List<String> columnNames(CsvLine first, List<String> renames) {
        int width = first.fields().length;
        var names = new ArrayList<String>();
        var used = new HashSet<String>();
        if (settings.hasHeader()) {
            // Reserve every given name first, so a generated name never steals a later real one.
            for (String f : first.fields()) {
                used.add(f.strip());
            }
            var seen = new HashSet<String>();
            for (int j = 0; j < width; j++) {
                String raw = first.fields()[j].strip();
                if (raw.isEmpty()) {
                    String name = fresh("column" + (j + 1), used);
                    renames.add("column " + (j + 1) + " had no name, now '" + name + "'");
                    names.add(name);
                } else if (!seen.add(raw)) {
                    String name = fresh(raw, used);
                    renames.add("the second '" + raw + "' (column " + (j + 1) + ") is now '" + name + "'");
                    names.add(name);
                } else {
                    names.add(raw);
                }
            }
        } else {
            for (int j = 0; j < width; j++) {
                names.add("column" + (j + 1));
            }
        }
        return names;
    }

    private static String fresh(String base, Set<String> used) {
        String name = base;
        for (int k = 2; used.contains(name); k++) {
            name = base + "_" + k;
        }
        used.add(name);
        return name;
    }

    private void checkWidth(CsvLine line, int width) {
        if (line.fields().length != width) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "Line %d of %s has %d field(s), but the %s has %d. Fix line %d: look for a missing or extra "
                            + "delimiter ('%s') or an unbalanced quote.",
                    line.line(), path.getFileName(), line.fields().length,
                    settings.hasHeader() ? "header" : "first line", width, line.line(), settings.delimiter()));
        }
    }

    private InvalidInputException mismatch(CsvLine line, Layout layout, int column, String cell) {
        ColumnType t = layout.types().get(column);
        String expected = switch (t) {
            case LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "text";
        };
        return new InvalidInputException(String.format(Locale.ROOT,
                "Line %d, column '%s': '%s' is not %s, but the first %,d rows made '%s' a %s column. "
                        + "Set 'Type inference rows' to 0 so that every row decides the type, add '%s' to the missing "
                        + "markers, or fix the cell.",
                line.line(), layout.names().get(column), cell, expected, layout.rowsInspected(),
                layout.names().get(column), t.label(), cell.strip()));
    }

    /** What the cells seen so far allow a column to be. */
    private static final class ColumnState {
        boolean seen;
        boolean maybeLong = true;
        boolean maybeDouble = true;
        boolean maybeBoolean = true;
        Set<String> distinct = new HashSet<>();

        void accept(String cell) {
            seen = true;
            if (maybeLong || maybeDouble || maybeBoolean) {
                String t = cell.strip();
                maybeLong = maybeLong && Cells.isLong(t);
                maybeDouble = maybeDouble && Cells.isNumber(t);
                maybeBoolean = maybeBoolean && Cells.isBoolean(t);
            }
            if (distinct != null && distinct.add(cell) && distinct.size() > DOMAIN_LIMIT) {
                distinct = null;
            }
        }

        /** A column without a single value is double, as pandas reads an all-NaN column. */
        ColumnType type() {
            if (!seen || (maybeDouble && !maybeLong)) {
                return ColumnType.DOUBLE;
            }
            if (maybeLong) {
                return ColumnType.LONG;
            }
            return maybeBoolean ? ColumnType.BOOLEAN : ColumnType.STRING;
        }
    }

    private abstract static class ColumnBuilder {
        /** Adds a non-missing cell; false if it does not fit the column's type. */
        abstract boolean add(int row, String cell);

        abstract void addMissing(int row);

        abstract Column build(ColumnSpec spec, int rows);
    }

    private static final class LongBuilder extends ColumnBuilder {
        private long[] values = new long[1024];
        private final BitSet missing = new BitSet();

        @Override
        boolean add(int row, String cell) {
            String t = cell.strip();
            if (!Cells.isLong(t)) {
                return false;
            }
            put(row, Long.parseLong(t));
            return true;
        }

        @Override
        void addMissing(int row) {
            put(row, 0);
            missing.set(row);
        }

        private void put(int row, long v) {
            if (row == values.length) {
                values = Arrays.copyOf(values, row * 2);
            }
            values[row] = v;
        }

        @Override
        Column build(ColumnSpec spec, int rows) {
            return LongColumn.wrap(spec, Arrays.copyOf(values, rows), missing);
        }
    }

    private static final class DoubleBuilder extends ColumnBuilder {
        private double[] values = new double[1024];

        @Override
        boolean add(int row, String cell) {
            String t = cell.strip();
            if (!Cells.isNumber(t)) {
                return false;
            }
            put(row, Double.parseDouble(t));
            return true;
        }

        @Override
        void addMissing(int row) {
            put(row, Double.NaN);
        }

        private void put(int row, double v) {
            if (row == values.length) {
                values = Arrays.copyOf(values, row * 2);
            }
            values[row] = v;
        }

        @Override
        Column build(ColumnSpec spec, int rows) {
            return DoubleColumn.wrap(spec, Arrays.copyOf(values, rows));
        }
    }

    private static final class BooleanBuilder extends ColumnBuilder {
        private final BitSet values = new BitSet();
        private final BitSet missing = new BitSet();

        @Override
        boolean add(int row, String cell) {
            String t = cell.strip();
            if (!Cells.isBoolean(t)) {
                return false;
            }
            values.set(row, t.equalsIgnoreCase("true"));
            return true;
        }

        @Override
        void addMissing(int row) {
            missing.set(row);
        }

        @Override
        Column build(ColumnSpec spec, int rows) {
            return BooleanColumn.wrap(spec, values, missing, rows);
        }
    }

    /** Dictionary-codes text as it arrives, then sorts the domain once at the end. */
    private static final class StringBuilderColumn extends ColumnBuilder {
        private int[] codes = new int[1024];
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> firstSeen = new ArrayList<>();

        @Override
        boolean add(int row, String cell) {
            Integer code = index.get(cell);
            if (code == null) {
                code = firstSeen.size();
                index.put(cell, code);
                firstSeen.add(cell);
            }
            put(row, code);
            return true;
        }

        @Override
        void addMissing(int row) {
            put(row, StringColumn.MISSING);
        }

        private void put(int row, int code) {
            if (row == codes.length) {
                codes = Arrays.copyOf(codes, row * 2);
            }
            codes[row] = code;
        }

        @Override
        Column build(ColumnSpec spec, int rows) {
            List<String> domain = firstSeen.stream().sorted().toList();
            int[] remap = new int[firstSeen.size()];
            for (int i = 0; i < domain.size(); i++) {
                remap[index.get(domain.get(i))] = i;
            }
            int[] out = Arrays.copyOf(codes, rows);
            for (int i = 0; i < rows; i++) {
                if (out[i] != StringColumn.MISSING) {
                    out[i] = remap[out[i]];
                }
            }
            return StringColumn.wrap(spec, out, domain);
        }
    }
}
