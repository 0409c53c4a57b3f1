package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
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
        var missing = new ArrayList<String>();
        Column[] cols = new Column[d];
        for (int j = 0; j < d; j++) {
            Column c = table.column(columns.get(j));
            if (!c.spec().isNumeric()) {
                throw new InvalidInputException(node + " needs numeric columns, but '" + c.name() + "' is a "
                        + c.type().label() + " column. Remove it from 'Columns', or convert it with a One-Hot Encoder node first.");
            }
            int count = c.missingCount();
            if (count > 0) {
                missing.add(c.name() + " (" + count + " missing)");
            }
            cols[j] = c;
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(node + " cannot use rows with missing values: " + String.join(", ", missing)
                    + ". Add a Missing Values node before this one to impute or drop them.");
        }
        double[] out = new double[n * d];
        for (int j = 0; j < d; j++) {
            Column c = cols[j];
            for (int i = 0; i < n; i++) {
                double v = c.getDouble(i);
                if (Double.isInfinite(v)) {
                    throw new InvalidInputException("Column '" + c.name() + "' has an infinite value in row " + (i + 1)
                            + ". Replace it (for example with a Missing Values node) before " + node + ".");
                }
                out[i * d + j] = v;
            }
        }
        return out;
    }
}
