package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which columns form the matrix, and below which size a singular value counts as zero.")
public record DeterminantRankSettings(
        @Label("Columns")
        @Description("The numeric columns of the matrix. Empty means every numeric column (except ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Rank tolerance")
        @Description("Singular values ≤ this count as zero when counting the rank. 0 means automatic: "
                + "σ_max · max(m, n) · machine epsilon, as numpy.linalg.matrix_rank.")
        @Range(min = 0)
        @Tunable(false)
        double tolerance) {

    public DeterminantRankSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static DeterminantRankSettings defaults() {
        return new DeterminantRankSettings(List.of(), 0.0);
    }
}
