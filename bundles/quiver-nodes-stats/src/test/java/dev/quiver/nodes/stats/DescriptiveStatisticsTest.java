package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptiveStatisticsTest {
    private final NodeTester<DescriptiveStatisticsSettings> tester = NodeTester.of(new DescriptiveStatisticsNodeFactory());

    @Test
    void configureOnSpecsAlone() {
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), Fixtures.iris().spec());
        TableSpec spec = (TableSpec) out.get(0);
        assertEquals(List.of("column", "count", "missing", "mean", "std", "variance", "min", "q1", "median", "q3",
                "max", "skewness", "kurtosis"), spec.names());
    }

    // Reference: pandas 1.5.3, Series.count/mean/std/var/min/quantile/median/max/skew/kurt on wine.csv.
    @Test
    void matchesPandasOnWine() {
        Table out = (Table) tester.execute(tester.settings(Map.of("columns", List.of("alcohol", "magnesium"))),
                Fixtures.wine()).outputs().get(0);
        assertEquals(2, out.rowCount());
        int a = row(out, "alcohol");
        assertEquals(178, cell(out, a, "count"));
        assertEquals(0, cell(out, a, "missing"));
        close(13.00061797752809, cell(out, a, "mean"), "mean");
        close(0.8118265380058577, cell(out, a, "std"), "std");
        close(0.6590623278105763, cell(out, a, "variance"), "variance");
        close(11.03, cell(out, a, "min"), "min");
        close(12.362499999999999, cell(out, a, "q1"), "q1");
        close(13.05, cell(out, a, "median"), "median");
        close(13.6775, cell(out, a, "q3"), "q3");
        close(14.83, cell(out, a, "max"), "max");
        close(-0.051482331077134784, cell(out, a, "skewness"), "skewness");
        close(-0.8524995684849164, cell(out, a, "kurtosis"), "kurtosis");
        int m = row(out, "magnesium");
        close(99.74157303370787, cell(out, m, "mean"), "mean");
        close(203.9893353646925, cell(out, m, "variance"), "variance");
        close(1.098191054755161, cell(out, m, "skewness"), "skewness");
        close(2.1049913235905557, cell(out, m, "kurtosis"), "kurtosis");
    }

    // Reference: pandas 1.5.3 on iris_missing.csv (missing cells skipped); numpy.histogram(bins=20).
    @Test
    void skipsMissingCellsAndDrawsHistograms() {
        NodeResult r = tester.execute(tester.settings(Map.of()), Fixtures.irisMissing());
        Table out = (Table) r.outputs().get(0);
        assertEquals(4, out.rowCount());
        int p = row(out, "petal_width");
        assertEquals(139, cell(out, p, "count"));
        assertEquals(11, cell(out, p, "missing"));
        close(1.185611510791367, cell(out, p, "mean"), "mean");
        close(0.7607739338445204, cell(out, p, "std"), "std");
        close(-0.08462076215824092, cell(out, p, "skewness"), "skewness");
        close(-1.3287212230323826, cell(out, p, "kurtosis"), "kurtosis");
        assertEquals(4, r.charts().size());
        Table hist = r.charts().stream().filter(c -> c.id().equals("histogram-petal_width")).findFirst().orElseThrow()
                .data();
        long[] expected = {33, 6, 6, 1, 1, 0, 0, 6, 3, 4, 21, 12, 4, 1, 10, 11, 6, 1, 7, 6};
        assertEquals(20, hist.rowCount());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (long) cell(hist, i, "count"), "bin " + i);
        }
        close(0.1, cell(hist, 0, "bin_start"), "first edge");
        close(2.5, cell(hist, 19, "bin_end"), "last edge");
    }

    // pandas: a constant column has skew 0 and kurt 0; one value has std NaN.
    @Test
    void degenerateColumns() {
        Table t = Table.of(DoubleColumn.of("c", 3, 3, 3, 3), DoubleColumn.of("one", 1, Double.NaN, Double.NaN, Double.NaN));
        var ctx = TestContext.create();
        Table out = (Table) tester.execute(tester.settings(Map.of()), ctx, t).outputs().get(0);
        close(0.0, cell(out, 0, "std"), "std");
        close(0.0, cell(out, 0, "skewness"), "skewness");
        close(0.0, cell(out, 0, "kurtosis"), "kurtosis");
        assertTrue(Double.isNaN(cell(out, 1, "std")));
        assertTrue(Double.isNaN(cell(out, 1, "skewness")));
        close(1.0, cell(out, 1, "median"), "median");
    }

    @Test
    void nominalColumnIsRejected() {
        fails(() -> tester.configure(tester.settings(Map.of("columns", List.of("class"))), Fixtures.iris().spec()),
                "'class' is a string column", "numeric");
        fails(() -> tester.configure(tester.settings(Map.of()), Fixtures.iris().select("class").spec()),
                "no numeric columns");
        fails(() -> tester.settings(Map.of("bins", 0)), "Histogram bins", "between 1 and 1000");
    }
}
