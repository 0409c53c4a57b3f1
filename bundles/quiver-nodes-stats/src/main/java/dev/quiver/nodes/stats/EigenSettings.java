package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which columns form the square symmetric matrix, and how strictly symmetry is checked.")
public record EigenSettings(
        @Label("Columns")
        @Description("The n numeric columns of the n × n matrix (the table must have n rows). Empty means every "
                + "numeric column (except ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Symmetry tolerance")
        @Description("The matrix counts as symmetric when every |a_ij − a_ji| ≤ tolerance · max(1, max |a|); "
                + "a correlation or covariance table from this bundle passes with the default.")
        @Range(min = 0, max = 1, log = true)
        @Tunable(false)
        double symmetryTolerance) {

    public EigenSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static EigenSettings defaults() {
        return new EigenSettings(List.of(), 1e-9);
    }
}
