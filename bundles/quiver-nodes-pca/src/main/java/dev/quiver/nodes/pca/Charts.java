package dev.quiver.nodes.pca;

import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.ChartSpec.Mark;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The variance table and the two charts shared by PCA and Kernel PCA. */
final class Charts {
    /** Charts ship their data to the browser; more points than this add nothing visible. */
    static final int MAX_POINTS = 5_000;

    static final TableSpec VARIANCE_SPEC = TableSpec.of(
            ColumnSpec.nominal("component", ColumnRole.ID, List.of()),
            new ColumnSpec("eigenvalue", ColumnType.DOUBLE),
            new ColumnSpec("explained_variance_ratio", ColumnType.DOUBLE),
            new ColumnSpec("cumulative_ratio", ColumnType.DOUBLE));

    private Charts() {
    }

    static Table varianceTable(String prefix, double[] eigenvalues, double total) {
        int m = eigenvalues.length;
        var names = new ArrayList<String>(m);
        double[] ratio = new double[m];
        double[] cum = new double[m];
        double run = 0;
        for (int i = 0; i < m; i++) {
            names.add(prefix + (i + 1));
            ratio[i] = total > 0 ? eigenvalues[i] / total : 0;
            run += ratio[i];
            cum[i] = run;
        }
        // The domain in component order (not sorted), so PC10 follows PC9 on the scree axis.
        return Table.of(StringColumn.of(ColumnSpec.nominal("component", ColumnRole.ID, names), names),
                DoubleColumn.of(VARIANCE_SPEC.column(1), eigenvalues),
                DoubleColumn.of(VARIANCE_SPEC.column(2), ratio),
                DoubleColumn.of(VARIANCE_SPEC.column(3), cum));
    }

    static ChartSpec scree(Table variance, String title) {
        return new ChartSpec("scree", title, variance, List.of(
                new ChartSpec.Layer(Mark.BAR, List.of(Channel.x("component", FieldType.ORDINAL),
                        new Channel("y", "explained_variance_ratio", FieldType.QUANTITATIVE, "explained variance ratio"))),
                new ChartSpec.Layer(Mark.LINE, List.of(Channel.x("component", FieldType.ORDINAL),
                        new Channel("y", "cumulative_ratio", FieldType.QUANTITATIVE, "cumulative ratio")))));
    }

    /** The colour column: the one chosen, else the first LABEL column, else none. */
    static Optional<ColumnSpec> colour(TableSpec input, String chosen) {
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(input.require(chosen, "Colour by column"));
        }
        return input.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst();
    }

    /** A 2-D scatter of the first two components, at most {@link #MAX_POINTS} evenly spaced rows. */
    static Optional<ChartSpec> projection(Table input, List<DoubleColumn> components, Optional<ColumnSpec> colour,
            String title) {
        if (components.size() < 2) {
            return Optional.empty();
        }
        int n = input.rowCount();
        int shown = Math.min(n, MAX_POINTS);
        int[] rows = new int[shown];
        for (int i = 0; i < shown; i++) {
            rows[i] = (int) ((long) i * n / shown);
        }
        var cols = new ArrayList<Column>();
        cols.add(components.get(0).select(rows));
        cols.add(components.get(1).select(rows));
        var channels = new ArrayList<Channel>();
        String x = components.get(0).name();
        String y = components.get(1).name();
        channels.add(Channel.x(x, FieldType.QUANTITATIVE));
        channels.add(Channel.y(y, FieldType.QUANTITATIVE));
        if (colour.isPresent() && !colour.get().name().equals(x) && !colour.get().name().equals(y)) {
            Column c = input.column(colour.get().name());
            cols.add(c.select(rows));
            // Integer class codes (0/1 from a CSV) are categories, not amounts.
            FieldType type = c.type() == ColumnType.DOUBLE ? FieldType.QUANTITATIVE : FieldType.NOMINAL;
            channels.add(Channel.color(c.name(), type));
        }
        String full = title + (shown < n ? " (" + shown + " of " + n + " rows)" : "");
        return Optional.of(new ChartSpec("projection", full, Table.of(cols),
                List.of(new ChartSpec.Layer(Mark.POINT, channels))));
    }
}
