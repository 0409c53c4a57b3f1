package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("The matrix columns, the target column, and the cut-off for small singular values.")
public record LeastSquaresSettings(
        @Label("Matrix columns")
        @Description("The numeric columns of A. Empty means every numeric column except the target (and ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Target column")
        @Description("The numeric right-hand side b of A·x ≈ b.")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG})
        String target,

        @Label("Add intercept")
        @Description("Adds a column of ones to A, so the fit gets a constant term (named 'intercept').")
        boolean intercept,

        @Label("Relative cut-off (rcond)")
        @Description("Singular values at most rcond · σ_max count as zero in the pseudoinverse (numpy.linalg.pinv's "
                + "rcond); this sets the numerical rank.")
        @Range(min = 0, max = 1, log = true)
        @Tunable(false)
        double rcond) {

    public LeastSquaresSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        target = target == null ? "" : target;
    }

    public static LeastSquaresSettings defaults() {
        return new LeastSquaresSettings(List.of(), "", false, 1e-15);
    }
}
