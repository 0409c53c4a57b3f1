package dev.quiver.nodes.pca;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import java.util.ArrayList;
import java.util.List;

/** Builds output tables from row-major score arrays. */
final class ProjectionTables {
    private ProjectionTables() {
    }

    /** {@code in} with the feature columns dropped (unless kept) and the score columns appended. */
    static Table append(Table in, ProjectionSpec spec, double[] scores) {
        int n = in.rowCount();
        int k = spec.outputs().size();
        Table kept = spec.keepOriginal() ? in : in.drop(spec.features());
        var cols = new ArrayList<Column>(kept.columns());
        cols.addAll(columns(spec.outputs(), scores, n, k));
        return Table.of(cols);
    }

    /** Splits a row-major {@code n × k} array into named double columns. */
    static List<DoubleColumn> columns(List<String> names, double[] rowMajor, int n, int k) {
        var out = new ArrayList<DoubleColumn>(k);
        for (int c = 0; c < k; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rowMajor[i * k + c];
            }
            out.add(DoubleColumn.wrap(new ColumnSpec(names.get(c), ColumnType.DOUBLE), v));
        }
        return out;
    }
}
