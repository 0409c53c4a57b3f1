package dev.quiver.nodes.stats;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.osgi.service.component.annotations.Component;

/** Per-column summary statistics with pandas' conventions, and a histogram per column. */
@Component(service = NodeFactory.class)
public final class DescriptiveStatisticsNodeFactory implements NodeFactory<DescriptiveStatisticsSettings> {

    static final List<String> STATISTICS = List.of("count", "missing", "mean", "std", "variance", "min", "q1",
            "median", "q3", "max", "skewness", "kurtosis");

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.stats.descriptive", 1,
            "Descriptive Statistics", "Statistics",
            """
            One row per numeric column, computed over its non-missing cells, with pandas' conventions: \
            `variance` and `std` are the sample versions (divisor n − 1, ddof = 1); `q1`, `median` and `q3` \
            are the 25 %, 50 % and 75 % quantiles with linear interpolation between order statistics \
            (numpy's default, R type 7: position (n − 1)·p); `skewness` is the bias-corrected \
            adjusted Fisher–Pearson coefficient G1 and `kurtosis` the bias-corrected *excess* kurtosis G2 \
            (0 for a normal distribution), as pandas' `skew()` and `kurt()`. Skewness needs 3 values and \
            kurtosis 4; with fewer they are missing, and a constant column has both 0 (as pandas). Also draws a histogram of each column.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("statistics", "One row per column: count, missing, mean, std, variance, "
                    + "min, q1, median, q3, max, skewness, kurtosis.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<DescriptiveStatisticsSettings> settingsType() {
        return DescriptiveStatisticsSettings.class;
    }

    @Override
    public DescriptiveStatisticsSettings defaultSettings() {
        return DescriptiveStatisticsSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, DescriptiveStatisticsSettings settings,
            ConfigureContext context) {
        TableSpec in = inputs.get("table", TableSpec.class);
        Support.numericColumns(in, settings.columns(), "Descriptive Statistics");
        return List.of(outputSpec());
    }

    static TableSpec outputSpec() {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(Support.str("column"));
        cols.add(Support.lng("count"));
        cols.add(Support.lng("missing"));
        for (String s : STATISTICS.subList(2, STATISTICS.size())) {
            cols.add(Support.dbl(s));
        }
        return new TableSpec(cols);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, DescriptiveStatisticsSettings settings,
            ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), settings.columns(), "Descriptive Statistics");
        int k = names.size();
        long[] count = new long[k];
        long[] missing = new long[k];
        double[][] stats = new double[STATISTICS.size() - 2][k];
        var charts = new ArrayList<ChartSpec>();
        // R_7 is numpy's "linear" method; Hipparchus' default (LEGACY) would differ from pandas.
        Percentile quantile = new Percentile().withEstimationType(Percentile.EstimationType.R_7)
                .withNaNStrategy(NaNStrategy.FAILED);
        for (int j = 0; j < k; j++) {
            context.checkCanceled();
            Column c = table.column(names.get(j));
            double[] v = Support.present(c);
            count[j] = v.length;
            missing[j] = c.size() - v.length;
            if (v.length == 0) {
                context.warn("Column '" + c.name() + "' has no values (all " + c.size()
                        + " cells missing); its statistics are missing.");
                for (double[] row : stats) {
                    row[j] = Double.NaN;
                }
            } else {
                var d = new DescriptiveStatistics(v);
                quantile.setData(v);
                double[] row = {d.getMean(), d.getStandardDeviation(), d.getVariance(), d.getMin(),
                    quantile.evaluate(25), quantile.evaluate(50), quantile.evaluate(75), d.getMax(),
                    d.getSkewness(), d.getKurtosis()};
                if (v.length < 2) {
                    row[1] = Double.NaN;
                    row[2] = Double.NaN;
                } else if (d.getMin() == d.getMax()) {
                    // pandas reports a constant column as symmetric and flat (0), where Hipparchus gives NaN
                    row[8] = v.length >= 3 ? 0.0 : Double.NaN;
                    row[9] = v.length >= 4 ? 0.0 : Double.NaN;
                }
                for (int s = 0; s < row.length; s++) {
                    stats[s][j] = row[s];
                }
            }
            charts.add(Histogram.of(v, settings.bins()).chart("histogram-" + c.name(), "Histogram of " + c.name(),
                    c.name()));
            context.progress((j + 1.0) / k, "Summarised " + c.name());
        }
        var cols = new ArrayList<Column>();
        cols.add(Support.str("column", names));
        cols.add(Support.lng("count", count));
        cols.add(Support.lng("missing", missing));
        for (int s = 0; s < stats.length; s++) {
            cols.add(Support.dbl(STATISTICS.get(s + 2), stats[s]));
        }
        return new NodeResult(List.of(Table.of(cols)), charts);
    }
}
