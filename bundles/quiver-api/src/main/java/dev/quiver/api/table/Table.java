package dev.quiver.api.table;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable columnar table. Selecting columns shares the column objects; selecting rows
 * gathers primitive arrays, never boxing a cell.
 */
public final class Table implements PortObject {
    private final List<Column> columns;
    private final int rowCount;
    private final TableSpec spec;

    private Table(List<Column> columns, int rowCount) {
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        for (Column c : this.columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has " + c.size()
                        + " rows, but the table has " + rowCount);
            }
        }
        this.spec = new TableSpec(this.columns.stream().map(Column::spec).toList());
    }

    public static Table of(Column... columns) {
        return of(List.of(columns));
    }

    public static Table of(List<? extends Column> columns) {
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        return new Table(new ArrayList<>(columns), rows);
    }

    /** A table with these columns and no rows. */
    public static Table empty(TableSpec spec) {
        var cols = new ArrayList<Column>();
        for (ColumnSpec c : spec.columns()) {
            cols.add(switch (c.type()) {
                case DOUBLE -> DoubleColumn.wrap(c, new double[0]);
                case LONG -> LongColumn.wrap(c, new long[0], null);
                case BOOLEAN -> BooleanColumn.wrap(c, new java.util.BitSet(), null, 0);
                case STRING -> StringColumn.wrap(c, new int[0], c.domain());
            });
        }
        return new Table(cols, 0);
    }

    @Override
    public PortType type() {
        return PortType.TABLE;
    }

    @Override
    public TableSpec spec() {
        return spec;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** The named column, or an error listing the available ones. */
    public Column column(String name) {
        int i = spec.indexOf(name);
        if (i < 0) {
            spec.require(name, "Column");
        }
        return columns.get(i);
    }

    /** The named column, which must be numeric (double or long), as a {@link Column}. */
    public Column numericColumn(String name) {
        spec.requireNumeric(name, "Column");
        return column(name);
    }

    /** The named column, which must be a double column. */
    public DoubleColumn doubleColumn(String name) {
        Column c = column(name);
        if (c instanceof DoubleColumn d) {
            return d;
        }
        throw new InvalidInputException("Column '" + name + "' is a " + c.type().label() + " column, not a double column.");
    }

    /** The named column, which must be nominal (string). */
    public StringColumn stringColumn(String name) {
        Column c = column(name);
        if (c instanceof StringColumn s) {
            return s;
        }
        throw new InvalidInputException("Column '" + name + "' is a " + c.type().label()
                + " column, but a nominal (string) column is needed.");
    }

    /** Only the named columns, in that order. */
    public Table select(Collection<String> names) {
        var out = new ArrayList<Column>();
        for (String n : names) {
            out.add(column(n));
        }
        return new Table(out, rowCount);
    }

    public Table select(String... names) {
        return select(List.of(names));
    }

    /** All columns except the named ones. */
    public Table drop(Collection<String> names) {
        return new Table(columns.stream().filter(c -> !names.contains(c.name())).toList(), rowCount);
    }

    /** The given rows in the given order. */
    public Table rows(int[] rowIndices) {
        for (int r : rowIndices) {
            if (r < 0 || r >= rowCount) {
                throw new IndexOutOfBoundsException("Row " + r + " outside 0.." + (rowCount - 1));
            }
        }
        return new Table(columns.stream().map(c -> c.select(rowIndices)).toList(), rowIndices.length);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Table slice(int from, int to) {
        if (from < 0 || to > rowCount || from > to) {
            throw new IndexOutOfBoundsException("Rows " + from + ".." + to + " outside 0.." + rowCount);
        }
        return new Table(columns.stream().map(c -> c.slice(from, to)).toList(), to - from);
    }

    /** Replaces same-named columns in place and appends the others. */
    public Table withColumns(List<? extends Column> replacements) {
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column c : replacements) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has " + c.size() + " rows, table has " + rowCount);
            }
            byName.put(c.name(), c);
        }
        var out = new ArrayList<Column>();
        for (Column c : columns) {
            Column r = byName.remove(c.name());
            out.add(r == null ? c : r);
        }
        out.addAll(byName.values());
        return new Table(out, rowCount);
    }

    public Table withColumn(Column column) {
        return withColumns(List.of(column));
    }

    /** The same data with the role of one column changed. */
    public Table withRole(String name, ColumnRole role) {
        return withColumn(column(name).withRole(role));
    }

    /**
     * The named numeric columns as a row-major matrix, for learners and linear algebra. Fails naming
     * the first missing cell, since silently dropping or imputing it would change the result.
     */
    public double[][] toRowMajor(List<String> numericColumns) {
        double[][] out = new double[rowCount][numericColumns.size()];
        for (int j = 0; j < numericColumns.size(); j++) {
            Column c = numericColumn(numericColumns.get(j));
            for (int i = 0; i < rowCount; i++) {
                double v = c.getDouble(i);
                if (Double.isNaN(v)) {
                    throw new InvalidInputException("Column '" + c.name() + "' has a missing value in row " + (i + 1)
                            + ". Add a Missing Values node before this one.");
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    @Override
    public String summary() {
        return rowCount + " rows × " + columns.size() + " columns";
    }

    @Override
    public String toString() {
        return "Table[" + summary() + ": " + spec.names() + "]";
    }
}
