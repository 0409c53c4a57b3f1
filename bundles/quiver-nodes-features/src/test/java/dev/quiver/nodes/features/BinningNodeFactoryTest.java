package dev.quiver.nodes.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinningNodeFactoryTest {
    private final NodeTester<BinningSettings> tester = NodeTester.of(new BinningNodeFactory());

    private static long[] counts(Table t, String column, int bins) {
        long[] c = new long[bins];
        for (int i = 0; i < t.rowCount(); i++) {
            c[(int) t.column(column).getDouble(i)]++;
        }
        return c;
    }

    private static int[] bins(Table t, int row) {
        return TestTables.IRIS.stream().mapToInt(c -> (int) t.column(c).getDouble(row)).toArray();
    }

    @Test
    void configureGivesNominalOrIndexColumnsFromSpecsAlone() {
        TableSpec labels = (TableSpec) tester.configure(tester.settings(Map.of()), Fixtures.iris().spec()).get(0);
        assertEquals(Fixtures.iris().spec().names(), labels.names());
        assertEquals(ColumnType.STRING, labels.find("sepal_length").orElseThrow().type());
        var custom = tester.settings(Map.of("method", "CUSTOM", "edges", List.of("-inf", "2", "5", "inf")));
        assertEquals(List.of("[-inf, 2)", "[2, 5)", "[5, inf]"),
                ((TableSpec) tester.configure(custom, Fixtures.iris().spec()).get(0)).find("petal_length").orElseThrow().domain(),
                "custom edges are known before any data");
        TableSpec index = (TableSpec) tester.configure(tester.settings(Map.of("output", "INDEX")), Fixtures.iris().spec()).get(0);
        assertEquals(ColumnType.LONG, index.find("petal_width").orElseThrow().type());
    }

    @Test
    void equalWidthMatchesKBinsDiscretizerUniform() {
        NodeResult r = tester.execute(tester.settings(Map.of("output", "INDEX")), Fixtures.iris());
        var fitted = (BinningLearner.Fitted) r.outputs().get(1);
        Table t = (Table) r.outputs().get(0);
        // scikit-learn 1.2.1: KBinsDiscretizer(n_bins=5, encode='ordinal', strategy='uniform').fit(X) on iris.csv.
        assertArrayEquals(new double[] {4.3, 5.02, 5.74, 6.46, 7.18, 7.9}, fitted.edges("sepal_length"), 1e-15);
        assertArrayEquals(new double[] {2.0, 2.48, 2.96, 3.4400000000000004, 3.9200000000000004, 4.4},
                fitted.edges("sepal_width"), 1e-15);
        assertArrayEquals(new int[] {1, 3, 0, 0}, bins(t, 0));
        assertArrayEquals(new int[] {3, 2, 3, 3}, bins(t, 77));
        assertArrayEquals(new int[] {2, 2, 3, 3}, bins(t, 149));
        assertArrayEquals(new long[] {32, 41, 42, 24, 11}, counts(t, "sepal_length", 5));
        assertArrayEquals(new long[] {50, 3, 34, 47, 16}, counts(t, "petal_length", 5));
    }

    @Test
    void equalFrequencyMatchesKBinsDiscretizerQuantile() {
        NodeResult r = tester.execute(tester.settings(Map.of("method", "EQUAL_FREQUENCY", "output", "INDEX")), Fixtures.iris());
        var fitted = (BinningLearner.Fitted) r.outputs().get(1);
        Table t = (Table) r.outputs().get(0);
        // KBinsDiscretizer(n_bins=5, encode='ordinal', strategy='quantile').fit(X) on iris.csv.
        assertArrayEquals(new double[] {4.3, 5.0, 5.6, 6.1, 6.5200000000000005, 7.9}, fitted.edges("sepal_length"), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.5, 3.9, 4.639999999999999, 5.32, 6.9}, fitted.edges("petal_length"), 1e-15);
        assertArrayEquals(new int[] {1, 4, 0, 1}, bins(t, 0));
        assertArrayEquals(new int[] {4, 2, 3, 3}, bins(t, 77));
        assertArrayEquals(new long[] {22, 37, 30, 31, 30}, counts(t, "sepal_length", 5));
        assertArrayEquals(new long[] {5, 55, 26, 30, 34}, counts(t, "petal_width", 5));
    }

    @Test
    void tooNarrowQuantileBinsAreMergedWithAWarning() {
        TestContext ctx = TestContext.create();
        NodeResult r = tester.execute(tester.settings(Map.of("method", "EQUAL_FREQUENCY", "bins", 10,
                "columns", List.of("petal_width"))), ctx, Fixtures.iris());
        // KBinsDiscretizer(n_bins=10, strategy='quantile') on petal_width keeps 9 bins and warns.
        assertArrayEquals(new double[] {0.1, 0.2, 0.4, 1.1600000000000001, 1.3, 1.5, 1.8, 1.9, 2.2, 2.5},
                ((BinningLearner.Fitted) r.outputs().get(1)).edges("petal_width"), 1e-15);
        assertEquals(List.of("Column 'petal_width' has so many equal values that only 9 of 10 equal-frequency bins have "
                + "a width above 1e-8; the others were merged."), ctx.warnings());
    }

    @Test
    void labelsAreIntervalsOpenToInfinityAtTheEnds() {
        Table t = (Table) tester.execute(tester.settings(Map.of("columns", List.of("sepal_length"))), Fixtures.iris())
                .outputs().get(0);
        assertEquals(List.of("(-inf, 5.02)", "[5.02, 5.74)", "[5.74, 6.46)", "[6.46, 7.18)", "[7.18, inf)"),
                t.stringColumn("sepal_length").domain(), "bin order, not alphabetical");
        assertEquals("[5.02, 5.74)", t.stringColumn("sepal_length").get(0));
        assertEquals(3.5, t.column("sepal_width").getDouble(0), "other columns are untouched");
    }

    @Test
    void fittedEdgesApplyToNewRowsAsAtFitTimeAndRefit() {
        Table iris = Fixtures.iris();
        var settings = tester.settings(Map.of("method", "EQUAL_FREQUENCY", "bins", 4, "output", "INDEX"));
        NodeResult r = tester.execute(settings, iris.slice(0, 100));
        Transform transform = (Transform) r.outputs().get(1);
        // KBinsDiscretizer(n_bins=4, strategy='quantile').fit(X[:100]): petal_length edges; rows 100.. all in bin 3.
        assertArrayEquals(new double[] {1.0, 1.5, 2.45, 4.325, 5.1}, ((BinningLearner.Fitted) transform).edges("petal_length"),
                1e-15);
        Table test = transform.apply(iris.slice(100, 150), TestContext.create());
        for (int i = 0; i < 10; i++) {
            assertEquals(3, test.column("petal_length").getDouble(i));
        }
        Table own = (Table) r.outputs().get(0);
        Table again = transform.apply(iris.slice(0, 100), TestContext.create());
        assertArrayEquals(TestTables.column(own, "sepal_width"), TestTables.column(again, "sepal_width"));
        var refit = (BinningLearner.Fitted) transform.learner().fit(iris, TestContext.create());
        assertEquals(5.8, refit.edges("sepal_length")[2], 1e-15, "same 4 bins on all rows: the median of sepal_length");
    }

    @Test
    void customEdgesMakeOutsideValuesMissingWithAWarning() {
        Table t = Table.of(DoubleColumn.of("age", 5, 18, 30, 65, 70, Double.NaN));
        TestContext ctx = TestContext.create();
        Table out = (Table) tester.execute(tester.settings(Map.of("method", "CUSTOM", "edges", List.of("0", "18", "65"))),
                ctx, t).outputs().get(0);
        var age = out.stringColumn("age");
        assertEquals(List.of("[0, 18)", "[18, 65]"), age.domain());
        assertEquals(java.util.Arrays.asList("[0, 18)", "[18, 65]", "[18, 65]", "[18, 65]", null, null),
                java.util.stream.IntStream.range(0, 6).mapToObj(age::get).toList());
        assertEquals(List.of("1 value(s) of column 'age' lie outside the custom edges [0, 65] and became missing. "
                + "Add -inf and inf as outer edges to keep them."), ctx.warnings());
    }

    @Test
    void badEdgesGiveClearErrors() {
        var unsorted = assertThrows(InvalidInputException.class,
                () -> tester.settings(Map.of("method", "CUSTOM", "edges", List.of("1", "3", "2"))));
        assertEquals("Custom edges must increase strictly, but '2' follows '3'. Sort the edges and remove duplicates.",
                unsorted.getMessage());
        var text = assertThrows(InvalidInputException.class,
                () -> tester.settings(Map.of("method", "CUSTOM", "edges", List.of("1", "ten"))));
        assertEquals("Custom edges: 'ten' is not a number. Write numbers such as 0.5 or 1e3, or -inf / inf.", text.getMessage());
        var few = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("method", "CUSTOM")));
        assertTrue(few.getMessage().startsWith("Custom edges has 0 value(s), but CUSTOM binning needs at least two edges"),
                few.getMessage());
    }

    @Test
    void constantColumnGetsOneBinWithAWarning() {
        TestContext ctx = TestContext.create();
        Table out = (Table) tester.execute(tester.settings(Map.of()), ctx, Table.of(DoubleColumn.of("c", 2, 2, 2)))
                .outputs().get(0);
        assertEquals(List.of("(-inf, inf)"), out.stringColumn("c").domain());
        assertEquals(List.of("Column 'c' is constant (every value is 2.0): it gets a single bin."), ctx.warnings());
    }
}
