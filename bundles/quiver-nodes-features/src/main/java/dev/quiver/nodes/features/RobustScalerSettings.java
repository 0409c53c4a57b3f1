package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Robust Scaler node. */
public record RobustScalerSettings(
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Description("The numeric columns to scale; empty = every numeric column whose role is feature.")
        List<String> columns,

        @Label("Lower quantile (%)")
        @Range(min = 0, max = 100)
        @Description("The lower end of the range that sets the scale, as a percentile: 25 gives the interquartile "
                + "range Q3 − Q1. Percentiles interpolate linearly between neighbouring values, as numpy does.")
        double quantileMin,

        @Label("Upper quantile (%)")
        @Range(min = 0, max = 100)
        @Description("The upper end of the quantile range; must exceed the lower quantile.")
        double quantileMax,

        @Label("Centre on the median")
        @Description("Subtract each column's median. Off: values keep their location and are only divided.")
        boolean withCentering,

        @Label("Scale by the quantile range")
        @Description("Divide by the quantile range (the IQR by default). Off: values are only shifted.")
        boolean withScaling) {

    public RobustScalerSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (!(quantileMin < quantileMax)) {
            throw new InvalidInputException("Lower quantile (" + quantileMin + ") must be less than upper quantile ("
                    + quantileMax + "). Change 'Lower quantile (%)' or 'Upper quantile (%)'.");
        }
    }

    public static RobustScalerSettings defaults() {
        return new RobustScalerSettings(List.of(), 25, 75, true, true);
    }
}
