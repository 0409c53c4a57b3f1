package dev.quiver.nodes.prep;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import java.util.List;

/** Settings of the Column Filter node. */
public record ColumnFilterSettings(
        @Description("INCLUDE keeps only the chosen columns; EXCLUDE removes them and keeps the rest.")
        Mode mode,

        @ColumnRef(optional = true)
        @Description("The columns to keep (INCLUDE) or remove (EXCLUDE).")
        List<String> columns,

        @Description("Column types to keep or remove as well, whatever their names: double, long, string (or "
                + "nominal), boolean, or numeric (double and long).")
        List<String> types) {

    /** Whether the chosen columns are kept or removed. */
    public enum Mode { INCLUDE, EXCLUDE }

    public ColumnFilterSettings {
        mode = mode == null ? Mode.EXCLUDE : mode;
        columns = columns == null ? List.of() : List.copyOf(columns);
        types = types == null ? List.of() : List.copyOf(types);
    }

    public static ColumnFilterSettings defaults() {
        return new ColumnFilterSettings(Mode.EXCLUDE, List.of(), List.of());
    }
}
