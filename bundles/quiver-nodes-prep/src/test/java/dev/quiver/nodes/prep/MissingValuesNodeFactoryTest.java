package dev.quiver.nodes.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingValuesNodeFactoryTest {
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    private final NodeTester<MissingValuesSettings> tester = NodeTester.of(new MissingValuesNodeFactory());

    private NodeResult run(Map<String, ?> settings, Table table) {
        return tester.execute(tester.settings(settings), table);
    }

    private static Table out(NodeResult r) {
        return (Table) r.outputs().get(0);
    }

    private static MissingValuesLearner.Fitted fitted(NodeResult r) {
        return (MissingValuesLearner.Fitted) r.outputs().get(1);
    }

    private static LongColumn longsWithGap(String name) {
        BitSet missing = new BitSet();
        missing.set(1);
        return LongColumn.wrap(new ColumnSpec(name, ColumnType.LONG), new long[] {1, 0, 2, 2}, missing);
    }

    @Test
    void configureTellsThatMeanTurnsLongIntoDoubleAndMostFrequentKeepsIt() {
        TableSpec in = TableSpec.of(new ColumnSpec("n", ColumnType.LONG), new ColumnSpec("s", ColumnType.STRING)
                .withDomain(List.of("a", "c")));
        List<PortSpec> mean = tester.configure(tester.settings(Map.of("nominalStrategy", "CONSTANT", "nominalConstant", "b")), in);
        TableSpec t = (TableSpec) mean.get(0);
        assertEquals(ColumnType.DOUBLE, t.column(0).type());
        assertEquals(List.of("a", "b", "c"), t.column(1).domain(), "the constant joins the sorted domain");
        assertEquals(t, assertInstanceOf(TransformSpec.class, mean.get(1)).apply(in));
        TableSpec mostFrequent = (TableSpec) tester.configure(tester.settings(Map.of("numericStrategy", "MOST_FREQUENT")), in).get(0);
        assertEquals(ColumnType.LONG, mostFrequent.column(0).type());
        TableSpec constant = (TableSpec) tester.configure(
                tester.settings(Map.of("numericStrategy", "CONSTANT", "numericConstant", 0.5)), in).get(0);
        assertEquals(ColumnType.DOUBLE, constant.column(0).type(), "a fractional constant needs a double column");
    }

    @Test
    void meanMedianAndMostFrequentMatchScikitLearnSimpleImputerOnIrisMissing() {
        // scikit-learn 1.2.1: SimpleImputer(strategy=s).fit(X).statistics_ on iris_missing.csv's four features.
        // petal_length's mode is a tie (1.4 and 1.5 occur 13 times each, pandas value_counts): both pick 1.4.
        Map<String, double[]> expected = Map.of(
                "MEAN", new double[] {5.842857142857142, 3.055, 3.7430555555555554, 1.185611510791367},
                "MEDIAN", new double[] {5.8, 3.0, 4.35, 1.3},
                "MOST_FREQUENT", new double[] {5.0, 3.0, 1.4, 0.2});
        for (var e : expected.entrySet()) {
            NodeResult r = run(Map.of("numericStrategy", e.getKey()), Fixtures.irisMissing());
            for (int j = 0; j < 4; j++) {
                assertEquals(e.getValue()[j], (Double) fitted(r).fillValue(FEATURES.get(j)), 1e-12, e.getKey() + " " + FEATURES.get(j));
            }
            Table t = out(r);
            for (String c : FEATURES) {
                assertEquals(0, t.column(c).missingCount(), c);
            }
            // Row 0's sepal_width is the first missing cell of iris_missing.csv; row 1 was not missing.
            assertEquals(e.getValue()[1], t.column("sepal_width").getDouble(0), 1e-12);
            assertEquals(3.0, t.column("sepal_width").getDouble(1));
        }
    }

    @Test
    void dropRowRemovesEveryRowWithAMissingCell() {
        Table t = out(run(Map.of("numericStrategy", "DROP_ROW"), Fixtures.irisMissing()));
        // pandas 1.5.3: len(pd.read_csv("iris_missing.csv").dropna()) == 123.
        assertEquals(123, t.rowCount());
        assertEquals(List.of("setosa", "versicolor", "virginica"), ((StringColumn) t.column("class")).domain());
    }

    @Test
    void fittedTransformFillsTestRowsWithTrainingStatistics() {
        Table data = Fixtures.irisMissing();
        Table train = data.slice(0, 105);
        Table test = data.slice(105, 150);
        Transform transform = (Transform) run(Map.of(), train).outputs().get(1);
        Table filled = transform.apply(test, TestContext.create());
        // scikit-learn 1.2.1: SimpleImputer().fit(X[:105]).statistics_ =
        // [5.504901960784314, 3.0958762886597935, 2.9762376237623767, 0.86]; X[106, 3], X[109, 1], X[114, 2] are NaN.
        assertEquals(0.86, filled.column("petal_width").getDouble(106 - 105), 1e-12);
        assertEquals(3.0958762886597935, filled.column("sepal_width").getDouble(109 - 105), 1e-12);
        assertEquals(2.9762376237623767, filled.column("petal_length").getDouble(114 - 105), 1e-12);
        assertEquals(test.column("sepal_length").getDouble(0), filled.column("sepal_length").getDouble(0));

        var refit = (MissingValuesLearner.Fitted) transform.learner().fit(train, TestContext.create());
        assertEquals(((MissingValuesLearner.Fitted) transform).rules(), refit.rules());
    }

    @Test
    void mostFrequentTiesGoToTheSmallestValue() {
        Table t = Table.of(
                DoubleColumn.of("x", 2, 1, 2, 1, Double.NaN),
                StringColumn.of("s", "b", "a", "b", "a", null),
                BooleanColumn.wrap(new ColumnSpec("f", ColumnType.BOOLEAN), bits(0, 2), bits(4), 5));
        NodeResult r = run(Map.of("numericStrategy", "MOST_FREQUENT"), t);
        assertEquals(1.0, fitted(r).fillValue("x"));
        assertEquals("a", fitted(r).fillValue("s"));
        assertEquals(Boolean.FALSE, fitted(r).fillValue("f"), "two true, two false: false is smaller");
        Table o = out(r);
        assertEquals("a", ((StringColumn) o.column("s")).get(4));
        assertFalse(((BooleanColumn) o.column("f")).get(4));
        assertEquals(0, o.column("f").missingCount());
    }

    @Test
    void constantsFillNominalBooleanAndLongColumns() {
        Table t = Table.of(
                longsWithGap("n"),
                StringColumn.of("s", "x", null, "z", "x"),
                BooleanColumn.wrap(new ColumnSpec("f", ColumnType.BOOLEAN), bits(0), bits(1), 4));
        Table o = out(run(Map.of("numericStrategy", "CONSTANT", "numericConstant", -1, "nominalStrategy", "CONSTANT",
                "nominalConstant", "true"), t));
        assertEquals(-1L, ((LongColumn) o.column("n")).get(1));
        assertEquals(ColumnType.LONG, o.column("n").type());
        StringColumn s = (StringColumn) o.column("s");
        assertEquals("true", s.get(1));
        assertEquals(List.of("true", "x", "z"), s.domain());
        assertEquals("x", s.get(0));
        assertTrue(((BooleanColumn) o.column("f")).get(1));
    }

    @Test
    void meanOfALongColumnIsADouble() {
        Table o = out(run(Map.of(), Table.of(longsWithGap("n"))));
        Column n = o.column("n");
        assertEquals(ColumnType.DOUBLE, n.type());
        assertEquals(5 / 3.0, n.getDouble(1), 1e-15);
    }

    @Test
    void onlyTheChosenColumnsAreTreatedAndNoneLeavesThemAlone() {
        Table data = Fixtures.irisMissing();
        Table o = out(run(Map.of("columns", List.of("sepal_width")), data));
        assertEquals(0, o.column("sepal_width").missingCount());
        assertEquals(data.column("petal_width").missingCount(), o.column("petal_width").missingCount());
        Table none = out(run(Map.of("numericStrategy", "NONE"), data));
        assertEquals(data.column("petal_width").missingCount(), none.column("petal_width").missingCount());
    }

    @Test
    void allMissingColumnWithMeanIsNamed() {
        Table t = Table.of(DoubleColumn.of("x", 1, 2), DoubleColumn.of("gone", Double.NaN, Double.NaN));
        var e = assertThrows(InvalidInputException.class, () -> run(Map.of(), t));
        assertEquals("Column 'gone' has no values (all 2 cells are missing), so its mean is undefined. Use the CONSTANT "
                + "strategy, or leave the column out of 'Columns' (or remove it with a Column Filter).", e.getMessage());
    }

    @Test
    void booleanColumnNeedsABooleanConstant() {
        TableSpec spec = TableSpec.of(new ColumnSpec("flag", ColumnType.BOOLEAN));
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("nominalStrategy", "CONSTANT")), spec));
        assertEquals("Boolean column 'flag' cannot be filled with the nominal constant 'missing'. Set 'Nominal constant' "
                + "to true or false, or leave 'flag' out of 'Columns'.", e.getMessage());
    }

    @Test
    void applyingToAColumnOfAnotherKindIsAClearError() {
        Transform transform = (Transform) run(Map.of(), Fixtures.irisMissing()).outputs().get(1);
        Table wrong = Fixtures.iris().withColumns(List.of(StringColumn.of("sepal_width", new String[150])));
        var e = assertThrows(InvalidInputException.class, () -> transform.apply(wrong, TestContext.create()));
        assertTrue(e.getMessage().startsWith("Column 'sepal_width' is a string column here, but Missing Values"),
                e.getMessage());
    }

    @Test
    void unknownColumnIsListedWithTheAvailableOnes() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("x"))), Fixtures.iris().spec()));
        assertTrue(e.getMessage().startsWith("Columns: column 'x' not found (available: sepal_length,"), e.getMessage());
    }

    @Test
    void cancellationStopsTheFit() {
        TestContext ctx = TestContext.create();
        ctx.cancel();
        assertThrows(dev.quiver.api.CanceledException.class,
                () -> tester.execute(tester.settings(Map.of()), ctx, Fixtures.irisMissing()));
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
