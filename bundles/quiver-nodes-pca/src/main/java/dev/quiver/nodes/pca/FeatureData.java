package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** Choosing and reading the numeric input columns, with the errors an analyst can act on. */
final class FeatureData {
    private FeatureData() {
    }

    /**
     * The columns to use: the chosen ones, or (when none are chosen) every numeric column with the
     * FEATURE role. Fails naming unknown and non-numeric columns and the node that fixes them.
     */
    static List<String> resolve(TableSpec spec, List<String> chosen, String node) {
        if (chosen == null || chosen.isEmpty()) {
            List<String> auto = spec.filter(c -> c.isNumeric() && c.role() == ColumnRole.FEATURE).stream()
                    .map(ColumnSpec::name).toList();
            if (auto.isEmpty()) {
                throw new InvalidInputException(node + " found no numeric feature columns (available: "
                        + TableSpec.names(spec.columns()) + "). Choose the columns in 'Columns', or convert nominal "
                        + "columns to numbers with a One-Hot Encoder node first.");
            }
            return auto;
        }
        var unknown = new ArrayList<String>();
        var nominal = new ArrayList<String>();
        for (String name : chosen) {
            var c = spec.find(name);
            if (c.isEmpty()) {
                unknown.add(name);
            } else if (!c.get().isNumeric()) {
                nominal.add(name + " (" + c.get().type().label() + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Column(s) " + String.join(", ", unknown) + " chosen in 'Columns' not found "
                    + "(available: " + TableSpec.names(spec.columns()) + "). Choose columns that exist in the input table.");
        }
        if (!nominal.isEmpty()) {
            throw new InvalidInputException(node + " needs numeric columns, but 'Columns' includes " + String.join(", ", nominal)
                    + ". Remove them from 'Columns', or turn them into numbers with a One-Hot Encoder node first.");
        }
        if (chosen.stream().distinct().count() != chosen.size()) {
            throw new InvalidInputException("'Columns' names a column twice (" + chosen + "). Choose each column once.");
        }
        return List.copyOf(chosen);
    }

    /**
     * The columns as one row-major array (row i at {@code i * d}). Missing cells are reported for
     * every affected column at once, so one trip to the Missing Values node fixes them all.
     */
    static double[] read(Table table, List<String> columns, String node) {
        int n = table.rowCount();
        int d = columns.size();
        Column[] cols = new Column[d];
        for (int j = 0; j < d; j++) {
            Column c = table.column(columns.get(j));
            if (!c.spec().isNumeric()) {
                throw new InvalidInputException(node + " needs numeric columns, but '" + c.name() + "' is a "
                        + c.type().label() + " column. Remove it from 'Columns', or convert it with a One-Hot Encoder node first.");
            }
            cols[j] = c;
        }
        double[] out = new double[n * d];
        int[] missing = new int[d];
        boolean bad = false;
        // Row blocks keep the strided writes of the transpose inside the cache.
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int j = 0; j < d; j++) {
                Column c = cols[j];
                for (int i = from; i < to; i++) {
                    double v = c.getDouble(i);
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        bad = true;
                        missing[j]++;
                    }
                    out[i * d + j] = v;
                }
            }
        }
        if (bad) {
            var names = new ArrayList<String>();
            for (int j = 0; j < d; j++) {
                if (missing[j] > 0) {
                    names.add(cols[j].name() + " (" + missing[j] + " missing or infinite)");
                }
            }
            throw new InvalidInputException(node + " cannot use rows with missing values: " + String.join(", ", names)
                    + ". Add a Missing Values node before this one to impute or drop them.");
        }
        return out;
    }

    private static final int BLOCK = 1024;

    /** The columns as separate arrays (column-major), with the same checks as {@link #read}. */
    static double[][] readColumns(Table table, List<String> columns, String node) {
        int n = table.rowCount();
        int d = columns.size();
        double[][] out = new double[d][];
        var bad = new ArrayList<String>();
        for (int j = 0; j < d; j++) {
            Column c = table.column(columns.get(j));
            if (!c.spec().isNumeric()) {
                throw new InvalidInputException(node + " needs numeric columns, but '" + c.name() + "' is a "
                        + c.type().label() + " column. Remove it from 'Columns', or convert it with a One-Hot Encoder node first.");
            }
            double[] v;
            if (c instanceof DoubleColumn dc) {
                v = dc.toArray();
            } else {
                v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = c.getDouble(i);
                }
            }
            int missing = 0;
            for (double x : v) {
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    missing++;
                }
            }
            if (missing > 0) {
                bad.add(c.name() + " (" + missing + " missing or infinite)");
            }
            out[j] = v;
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(node + " cannot use rows with missing values: " + String.join(", ", bad)
                    + ". Add a Missing Values node before this one to impute or drop them.");
        }
        return out;
    }
}
