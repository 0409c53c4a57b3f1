package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the PCA node. */
@Description("Principal component analysis: rotate centred data onto the orthogonal directions of largest variance.")
public record PcaSettings(
        @Label("Columns")
        @Description("Numeric columns to analyse. Empty = every numeric column with the FEATURE role.")
        @ColumnRef(port = 0, types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Select components by")
        @Description("COUNT keeps exactly 'Components'; VARIANCE_FRACTION keeps the fewest components whose "
                + "cumulative explained variance exceeds 'Variance fraction' (then the output columns are known only after execution).")
        ComponentRule componentRule,

        @Label("Components")
        @Description("Number of principal components to keep (COUNT). At most min(rows, columns).")
        @Range(min = 1, max = 10_000)
        int components,

        @Label("Variance fraction")
        @Description("Share of the total variance to keep (VARIANCE_FRACTION), greater than 0 and at most 1.")
        @Range(min = 0, max = 1)
        double varianceFraction,

        @Label("Scale")
        @Description("Divide each column by its standard deviation after centring, i.e. PCA of the correlation "
                + "matrix. Use it when columns have different units; constant columns are then an error.")
        boolean scale,

        @Label("Whiten")
        @Description("Divide each component by the square root of its variance, so every output column has variance 1.")
        boolean whiten,

        @Label("Solver")
        @Tunable(false)
        @Description("SVD factors the centred data X = U S Vᵀ (rows of Vᵀ are the directions, S²/(n−1) the variances). "
                + "COVARIANCE eigendecomposes C = XᵀX/(n−1), whose eigenvectors are the same directions. AUTO takes "
                + "COVARIANCE when rows ≥ 10 × columns, else SVD.")
        PcaSolver solver,

        @Label("Keep original columns")
        @Tunable(false)
        @Description("Keep the analysed columns in the output table beside PC1..PCk (off: they are replaced).")
        boolean keepOriginal,

        @Label("Colour by")
        @Description("Column that colours the 2-D projection chart. Blank = the LABEL column, if any.")
        @ColumnRef(port = 0, optional = true)
        String colorColumn) {

    public PcaSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        componentRule = componentRule == null ? ComponentRule.COUNT : componentRule;
        solver = solver == null ? PcaSolver.AUTO : solver;
        colorColumn = colorColumn == null ? "" : colorColumn.trim();
        if (componentRule == ComponentRule.VARIANCE_FRACTION && !(varianceFraction > 0 && varianceFraction <= 1)) {
            throw new InvalidInputException("'Variance fraction' is " + varianceFraction
                    + ", but must be greater than 0 and at most 1 when components are selected by variance. "
                    + "Set it to, say, 0.95.");
        }
    }

    public static PcaSettings defaults() {
        return new PcaSettings(List.of(), ComponentRule.COUNT, 2, 0.95, false, false, PcaSolver.AUTO, false, "");
    }
}
