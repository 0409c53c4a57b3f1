package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Column selection, table building and number formatting shared by the nodes of this bundle. */
final class Support {
    private Support() {
    }

    static final PortDescriptor TABLE_IN = PortDescriptor.required("table", PortType.TABLE, "The input table.");

    static PortDescriptor tableOut(String name, String description) {
        return PortDescriptor.required(name, PortType.TABLE, description);
    }

    /**
     * The chosen numeric columns, or every numeric column except ID columns when {@code chosen} is
     * empty; fails naming the bad column or, when none is left, listing what is there.
     */
    static List<String> numericColumns(TableSpec spec, List<String> chosen, String purpose) {
        var out = new ArrayList<String>();
        if (chosen == null || chosen.isEmpty()) {
            for (ColumnSpec c : spec.columns()) {
                if (c.isNumeric() && c.role() != ColumnRole.ID) {
                    out.add(c.name());
                }
            }
            if (out.isEmpty()) {
                throw new InvalidInputException("The input table has no numeric columns (columns: "
                        + TableSpec.names(spec.columns()) + "). " + purpose
                        + " needs double or long columns; convert nominal columns to numbers first.");
            }
            return out;
        }
        for (String name : chosen) {
            spec.requireNumeric(name, "Column");
            if (out.contains(name)) {
                throw new InvalidInputException("Column '" + name + "' is chosen twice. Choose each column once.");
            }
            out.add(name);
        }
        return out;
    }

    /** The non-missing values of a numeric column, in row order. */
    static double[] present(Column c) {
        double[] out = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            double v = c.getDouble(i);
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static ColumnSpec dbl(String name) {
        return new ColumnSpec(name, ColumnType.DOUBLE);
    }

    static ColumnSpec lng(String name) {
        return new ColumnSpec(name, ColumnType.LONG);
    }

    static ColumnSpec str(String name) {
        return new ColumnSpec(name, ColumnType.STRING);
    }

    static DoubleColumn dbl(String name, double[] values) {
        return DoubleColumn.wrap(dbl(name), values);
    }

    static LongColumn lng(String name, long[] values) {
        return LongColumn.wrap(lng(name), values, null);
    }

    static StringColumn str(String name, List<String> values) {
        return StringColumn.of(str(name), values);
    }

    /** A table whose first column is the nominal {@code key} and the rest doubles: a labelled matrix. */
    static Table labelledMatrix(String keyName, List<String> keys, List<String> columnNames, double[][] rows) {
        var cols = new ArrayList<Column>();
        cols.add(str(keyName, keys));
        for (int j = 0; j < columnNames.size(); j++) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = rows[i][j];
            }
            cols.add(dbl(columnNames.get(j), v));
        }
        return Table.of(cols);
    }

    static TableSpec labelledMatrixSpec(String keyName, List<String> columnNames) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(str(keyName));
        columnNames.forEach(n -> cols.add(dbl(n)));
        return new TableSpec(cols);
    }

    static List<String> numbered(String prefix, int count) {
        var out = new ArrayList<String>(count);
        for (int i = 1; i <= count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
