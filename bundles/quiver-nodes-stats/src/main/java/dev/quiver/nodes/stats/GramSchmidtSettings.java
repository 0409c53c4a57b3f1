package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which columns to orthonormalise, and when a column counts as dependent on the earlier ones.")
public record GramSchmidtSettings(
        @Label("Columns")
        @Description("The numeric columns, orthonormalised in this order. Empty means every numeric column "
                + "(except ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Dependence tolerance")
        @Description("A column is linearly dependent on the earlier ones when what is left of it after removing "
                + "their directions has norm ≤ tolerance · its original norm.")
        @Range(min = 0, max = 1, log = true)
        @Tunable(false)
        double tolerance) {

    public GramSchmidtSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static GramSchmidtSettings defaults() {
        return new GramSchmidtSettings(List.of(), 1e-10);
    }
}
