package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which numeric columns form the matrix (rows are the table's rows).")
public record SvdSettings(
        @Label("Columns")
        @Description("The numeric columns that form the matrix, in this order. Empty means every numeric column "
                + "(except ID columns). Missing cells are an error: fill them first.")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns) {

    public SvdSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static SvdSettings defaults() {
        return new SvdSettings(List.of());
    }
}
