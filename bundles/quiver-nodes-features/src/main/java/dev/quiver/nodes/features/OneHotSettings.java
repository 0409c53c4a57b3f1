package dev.quiver.nodes.features;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the One-Hot Encoder node. */
public record OneHotSettings(
        @ColumnRef(types = ColumnType.STRING, optional = true)
        @Description("The nominal columns to encode; empty = every nominal column whose role is feature.")
        List<String> columns,

        @Label("Unknown categories")
        @Description("What the fitted transform does with a value it did not see when fitted. ERROR: fail naming the "
                + "column and value. ALL_ZEROS: give that row 0 in every indicator column of the column.")
        UnknownCategories unknownCategories,

        @Label("Drop first category")
        @Description("Leave out the indicator of each column's first category (k − 1 columns for k categories). "
                + "The k indicators always sum to 1, which duplicates the intercept of a linear model "
                + "(perfect collinearity); dropping one removes that. The dropped category is the all-zeros row.")
        boolean dropFirst) {

    /** Handling of categories not seen in fitting. */
    public enum UnknownCategories { ERROR, ALL_ZEROS }

    public OneHotSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        unknownCategories = unknownCategories == null ? UnknownCategories.ERROR : unknownCategories;
    }

    public static OneHotSettings defaults() {
        return new OneHotSettings(List.of(), UnknownCategories.ERROR, false);
    }
}
