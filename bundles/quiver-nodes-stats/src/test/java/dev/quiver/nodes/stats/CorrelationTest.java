package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    private final NodeTester<CorrelationSettings> tester = NodeTester.of(new CorrelationNodeFactory());

    @Test
    void configurePredictsBothTables() {
        var out = tester.configure(tester.settings(Map.of()), Fixtures.iris().spec());
        assertEquals(List.of("column_a", "column_b", "value"), ((TableSpec) out.get(0)).names());
        assertEquals(List.of("column", "sepal_length", "sepal_width", "petal_length", "petal_width"),
                ((TableSpec) out.get(1)).names());
    }

    private double matrixCell(Table square, String a, String b) {
        return cell(square, row(square, a), b);
    }

    // Reference: pandas 1.5.3 DataFrame.corr(method=...) / cov() on iris_missing.csv (pairwise-complete rows).
    @Test
    void matchesPandasWithPairwiseCompleteRows() {
        Table data = Fixtures.irisMissing();
        NodeResult p = tester.execute(tester.settings(Map.of("method", "PEARSON")), data);
        Table sq = (Table) p.outputs().get(1);
        close(0.8724855040935394, matrixCell(sq, "sepal_length", "petal_length"), "pearson");
        close(-0.3806703087058704, matrixCell(sq, "petal_width", "sepal_width"), "pearson symmetric");
        close(1.0, matrixCell(sq, "sepal_width", "sepal_width"), "diagonal");
        Table pairs = (Table) p.outputs().get(0);
        assertEquals(16, pairs.rowCount());
        ChartSpec heat = p.charts().get(0);
        assertEquals(ChartSpec.Mark.RECT, heat.layers().get(0).mark());

        Table sp = (Table) tester.execute(tester.settings(Map.of("method", "SPEARMAN")), data).outputs().get(1);
        close(0.878549619808207, matrixCell(sp, "sepal_length", "petal_length"), "spearman");
        close(-0.3092542535768572, matrixCell(sp, "sepal_width", "petal_width"), "spearman");

        Table cov = (Table) tester.execute(tester.settings(Map.of("method", "COVARIANCE")), data).outputs().get(1);
        close(1.3029422492401204, matrixCell(cov, "sepal_length", "petal_length"), "covariance");
        close(0.1927086330935254, matrixCell(cov, "sepal_width", "sepal_width"), "variance");
    }

    @Test
    void constantColumnGivesMissingCellAndWarning() {
        Table t = Table.of(DoubleColumn.of("x", 1, 2, 3, 4), DoubleColumn.of("flat", 5, 5, 5, 5));
        var ctx = TestContext.create();
        Table sq = (Table) tester.execute(tester.settings(Map.of()), ctx, t).outputs().get(1);
        assertTrue(Double.isNaN(matrixCell(sq, "x", "flat")));
        close(1.0, matrixCell(sq, "x", "x"), "diagonal");
        assertEquals(1, ctx.warnings().size());
        assertTrue(ctx.warnings().get(0).contains("x × flat"), ctx.warnings().get(0));
        // covariance with a constant is simply 0
        Table cov = (Table) tester.execute(tester.settings(Map.of("method", "COVARIANCE")), t).outputs().get(1);
        close(0.0, matrixCell(cov, "x", "flat"), "covariance");
    }

    @Test
    void badInput() {
        fails(() -> tester.configure(tester.settings(Map.of("columns", List.of("sepal_length", "class"))),
                Fixtures.iris().spec()), "'class' is a string column");
        fails(() -> tester.configure(tester.settings(Map.of("columns", List.of("nope"))), Fixtures.iris().spec()),
                "'nope' not found", "available: sepal_length");
        fails(() -> tester.settings(Map.of("method", "KENDALL")), "must be one of");
    }
}
