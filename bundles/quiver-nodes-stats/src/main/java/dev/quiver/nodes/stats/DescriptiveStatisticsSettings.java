package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Which numeric columns to summarise and how finely to draw their histograms.")
public record DescriptiveStatisticsSettings(
        @Label("Columns")
        @Description("The numeric columns to summarise. Empty means every numeric column (except ID columns).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Histogram bins")
        @Description("Number of equal-width bins between a column's minimum and maximum in its histogram; "
                + "the last bin includes the maximum (as numpy.histogram).")
        @Range(min = 1, max = 1000)
        @Tunable(false)
        int bins) {

    public DescriptiveStatisticsSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static DescriptiveStatisticsSettings defaults() {
        return new DescriptiveStatisticsSettings(List.of(), 20);
    }
}
