package dev.quiver.nodes.dl4j;

import dev.quiver.api.port.FitColumns;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;

/** Small tables for the tests. */
final class Data {
    private Data() {
    }

    /** Every feature except the label. */
    static FitColumns columns(Table t) {
        return new FitColumns("class", t.spec().names().stream().filter(n -> !n.equals("class")).toList());
    }

    /** XOR: four rows, each repeated {@code copies} times; class "1" where exactly one input is 1. */
    static Table xor(int copies) {
        double[] a = new double[4 * copies];
        double[] b = new double[4 * copies];
        var label = new ArrayList<String>();
        for (int c = 0; c < copies; c++) {
            for (int r = 0; r < 4; r++) {
                int i = c * 4 + r;
                a[i] = r & 1;
                b[i] = (r >> 1) & 1;
                label.add(((r & 1) ^ ((r >> 1) & 1)) == 1 ? "1" : "0");
            }
        }
        return Table.of(DoubleColumn.of("a", a), DoubleColumn.of("b", b),
                StringColumn.of(new ColumnSpec("class", ColumnType.STRING, ColumnRole.LABEL), label));
    }

    /** The digits with pixels scaled from 0–16 to 0–1. */
    static Table digits() {
        return scaled(Fixtures.digits(), 16);
    }

    /** Iris z-scored (population standard deviation) on all rows. */
    static Table iris() {
        Table t = Fixtures.iris();
        var out = new ArrayList<Column>();
        for (Column c : t.columns()) {
            if (c instanceof DoubleColumn d) {
                double[] v = d.toArray();
                double mean = 0;
                for (double x : v) {
                    mean += x / v.length;
                }
                double var = 0;
                for (double x : v) {
                    var += (x - mean) * (x - mean) / v.length;
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] = (v[i] - mean) / Math.sqrt(var);
                }
                out.add(DoubleColumn.wrap(d.spec(), v));
            } else {
                out.add(c);
            }
        }
        return Table.of(out);
    }

    private static Table scaled(Table t, double by) {
        List<Column> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof DoubleColumn d) {
                double[] v = d.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] /= by;
                }
                out.add(DoubleColumn.wrap(d.spec(), v));
            } else {
                out.add(c);
            }
        }
        return Table.of(out);
    }
}
