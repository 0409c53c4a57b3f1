package dev.quiver.nodes.features;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Power Transform node. */
public record PowerTransformSettings(
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Description("The numeric columns to transform; empty = every numeric column whose role is feature.")
        List<String> columns,

        @Description("LOG: ln x, for positive values. LOG1P: ln(1 + x), for values above −1 (counts with zeros). "
                + "BOX_COX: (x^λ − 1) / λ (ln x at λ = 0), for positive values. YEO_JOHNSON: Box-Cox of x + 1 for "
                + "x ≥ 0 and a mirrored form for x < 0, for any value. For BOX_COX and YEO_JOHNSON, λ is chosen per "
                + "column by maximum likelihood, to make the column as close to normal as the family allows.")
        Method method,

        @Description("Afterwards, subtract each transformed column's mean and divide by its standard deviation "
                + "(population, ddof = 0), as scikit-learn's PowerTransformer(standardize=True).")
        boolean standardize) {

    /** The transformation family. */
    public enum Method { LOG, LOG1P, BOX_COX, YEO_JOHNSON }

    public PowerTransformSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        method = method == null ? Method.YEO_JOHNSON : method;
    }

    public static PowerTransformSettings defaults() {
        return new PowerTransformSettings(List.of(), Method.YEO_JOHNSON, true);
    }
}
