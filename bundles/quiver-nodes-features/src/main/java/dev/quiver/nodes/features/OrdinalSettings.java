package dev.quiver.nodes.features;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Ordinal Encoder node. */
public record OrdinalSettings(
        @ColumnRef(types = ColumnType.STRING, optional = true)
        @Description("The nominal columns to encode; empty = every nominal column whose role is feature.")
        List<String> columns,

        @Label("Unknown categories")
        @Description("What the fitted transform does with a value it did not see when fitted. ERROR: fail naming the "
                + "column and value. MISSING: encode it as a missing cell.")
        UnknownCategories unknownCategories) {

    /** Handling of categories not seen in fitting. */
    public enum UnknownCategories { ERROR, MISSING }

    public OrdinalSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        unknownCategories = unknownCategories == null ? UnknownCategories.ERROR : unknownCategories;
    }

    public static OrdinalSettings defaults() {
        return new OrdinalSettings(List.of(), UnknownCategories.ERROR);
    }
}
