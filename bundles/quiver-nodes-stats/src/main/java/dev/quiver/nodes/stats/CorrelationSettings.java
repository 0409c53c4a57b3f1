package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which numeric columns to correlate, and how.")
public record CorrelationSettings(
        @Label("Columns")
        @Description("The numeric columns to correlate pairwise. Empty means every numeric column (except ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Method")
        @Description("PEARSON: covariance divided by both standard deviations (linear association, −1 to 1). "
                + "SPEARMAN: Pearson on the ranks, ties given their average rank (monotone association). "
                + "COVARIANCE: the sample covariance, divisor n − 1.")
        Method method) {

    public enum Method { PEARSON, SPEARMAN, COVARIANCE }

    public CorrelationSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static CorrelationSettings defaults() {
        return new CorrelationSettings(List.of(), Method.PEARSON);
    }
}
