package dev.quiver.nodes.features;

import dev.quiver.api.table.Table;
import java.util.List;

/** Small helpers for reading results in tests. */
final class TestTables {
    static final List<String> IRIS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    private TestTables() {
    }

    static double[] row(Table t, List<String> columns, int row) {
        return columns.stream().mapToDouble(c -> t.column(c).getDouble(row)).toArray();
    }

    static double[] column(Table t, String name) {
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.column(name).getDouble(i);
        }
        return v;
    }
}
