package dev.quiver.nodes.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerNodeFactoryTest {
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    private final NodeTester<NormalizerSettings> tester = NodeTester.of(new NormalizerNodeFactory());

    private NodeResult run(Map<String, ?> settings, Table table) {
        return tester.execute(tester.settings(settings), table);
    }

    private static double[] row(Table t, int row) {
        return FEATURES.stream().mapToDouble(c -> t.column(c).getDouble(row)).toArray();
    }

    @Test
    void configurePredictsDoubleColumnsAndATransformFromSpecsAlone() {
        Table withCount = Fixtures.iris().withColumn(LongColumn.of("count", new long[150]));
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), withCount.spec());
        TableSpec table = (TableSpec) out.get(0);
        assertEquals(withCount.spec().names(), table.names());
        assertEquals(ColumnType.DOUBLE, table.find("count").orElseThrow().type(), "normalized long becomes double");
        assertEquals(ColumnType.STRING, table.find("class").orElseThrow().type());
        assertEquals(ColumnRole.LABEL, table.find("class").orElseThrow().role(), "roles are kept");
        TransformSpec transform = assertInstanceOf(TransformSpec.class, out.get(1));
        assertEquals(table, transform.apply(withCount.spec()));
    }

    @Test
    void zScoreMatchesScikitLearnStandardScalerOnIris() {
        NodeResult r = run(Map.of(), Fixtures.iris());
        Table t = (Table) r.outputs().get(0);
        // scikit-learn 1.2.1: StandardScaler().fit(X).transform(X) on iris.csv, rows 0, 77, 149.
        assertArrayEquals(new double[] {-0.9006811702978088, 1.019004351971607, -1.3402265266227624, -1.3154442950077403},
                row(t, 0), 1e-12);
        assertArrayEquals(new double[] {1.0380047568006125, -0.13197947932162468, 0.7059208422669508, 0.6590384693467726},
                row(t, 77), 1e-12);
        assertArrayEquals(new double[] {0.06866179325140237, -0.13197947932162468, 0.7627582691805538, 0.7906706536370736},
                row(t, 149), 1e-12);
        var fitted = (NormalizerLearner.Fitted) r.outputs().get(1);
        // StandardScaler mean_ and scale_ (population standard deviation, ddof = 0).
        assertArrayEquals(new double[] {5.843333333333334, 3.0573333333333337, 3.7580000000000005, 1.1993333333333336},
                fitted.center(), 1e-12);
        assertArrayEquals(new double[] {0.8253012917851409, 0.4344109677354946, 1.759404065775303, 0.7596926279021594},
                fitted.divisor(), 1e-12);
        assertEquals(FEATURES, fitted.columns(), "default: numeric feature columns, not the label");
    }

    @Test
    void minMaxMatchesScikitLearnMinMaxScaler() {
        Table t = (Table) run(Map.of("method", "MIN_MAX", "rangeMin", -1, "rangeMax", 1), Fixtures.iris()).outputs().get(0);
        // scikit-learn 1.2.1: MinMaxScaler(feature_range=(-1, 1)).fit_transform(X) on iris.csv.
        assertArrayEquals(new double[] {-0.5555555555555558, 0.25, -0.864406779661017, -0.9166666666666665}, row(t, 0), 1e-12);
        assertArrayEquals(new double[] {0.3333333333333335, -0.16666666666666652, 0.35593220338983045, 0.3333333333333335},
                row(t, 77), 1e-12);
        assertArrayEquals(new double[] {-0.11111111111111072, -0.16666666666666652, 0.3898305084745761, 0.41666666666666674},
                row(t, 149), 1e-12);
    }

    @Test
    void missingCellsStayMissingAndAreIgnoredByTheStatistics() {
        NodeResult r = run(Map.of(), Fixtures.irisMissing());
        Table t = (Table) r.outputs().get(0);
        // scikit-learn 1.2.1: StandardScaler().fit(X) on iris_missing.csv ignores NaN; row 0 has sepal_width missing.
        var fitted = (NormalizerLearner.Fitted) r.outputs().get(1);
        assertArrayEquals(new double[] {5.842857142857142, 3.055, 3.7430555555555554, 1.185611510791367}, fitted.center(), 1e-12);
        assertArrayEquals(new double[] {0.8323395434834624, 0.43741529792308687, 1.771363754983469, 0.758032397238525},
                fitted.divisor(), 1e-12);
        double[] first = row(t, 0);
        assertEquals(-0.8924929119048898, first[0], 1e-12);
        assertTrue(Double.isNaN(first[1]));
        assertEquals(-1.3227410513304882, first[2], 1e-12);
        assertEquals(-1.300223465886025, first[3], 1e-12);
        assertEquals(Fixtures.irisMissing().column("petal_width").missingCount(), t.column("petal_width").missingCount());
    }

    @Test
    void transformFittedOnTrainRowsScalesTestRowsWithTrainStatistics() {
        Table iris = Fixtures.iris();
        Table train = iris.slice(0, 105);
        Table test = iris.slice(105, 150);
        Transform transform = (Transform) run(Map.of(), train).outputs().get(1);
        Table scaled = transform.apply(test, TestContext.create());
        // scikit-learn 1.2.1: StandardScaler().fit(X[:105]).transform(X[105:]), first and last row.
        assertArrayEquals(new double[] {3.158121936429753, -0.19965686177963365, 2.3533115216853124, 2.023949475307514},
                row(scaled, 0), 1e-12);
        assertArrayEquals(new double[] {0.5828603299760714, -0.19965686177963365, 1.3740603600857437, 1.5387561079392742},
                row(scaled, 44), 1e-12);

        // The learner refits the same step: on the same rows it gives the same statistics.
        var refit = (NormalizerLearner.Fitted) transform.learner().fit(train, TestContext.create());
        assertArrayEquals(((NormalizerLearner.Fitted) transform).center(), refit.center());
        assertArrayEquals(((NormalizerLearner.Fitted) transform).divisor(), refit.divisor());
        // …and on other rows, other statistics.
        var other = (NormalizerLearner.Fitted) transform.learner().fit(test, TestContext.create());
        assertTrue(other.center()[0] != refit.center()[0]);
    }

    @Test
    void constantColumnGetsScaleOneAndAWarning() {
        Table t = Table.of(DoubleColumn.of("c", 3, 3, 3), DoubleColumn.of("x", 1, 2, 3));
        TestContext ctx = TestContext.create();
        NodeResult r = tester.execute(tester.settings(Map.of()), ctx, t);
        Table out = (Table) r.outputs().get(0);
        assertArrayEquals(new double[] {0, 0, 0}, ((DoubleColumn) out.column("c")).toArray());
        assertEquals(List.of("Column 'c' is constant (every value is 3.0): its scale is set to 1, so it becomes 0 everywhere."),
                ctx.warnings());
        // New data is still shifted by the training mean: 5 → (5 − 3) / 1.
        Table applied = ((Transform) r.outputs().get(1)).apply(Table.of(DoubleColumn.of("c", 5), DoubleColumn.of("x", 2)),
                TestContext.create());
        assertEquals(2.0, applied.column("c").getDouble(0));
        assertEquals(0.0, applied.column("x").getDouble(0));
    }

    @Test
    void longColumnsBecomeDouble() {
        Table t = Table.of(LongColumn.of("n", 1, 2, 3, 4));
        Table out = (Table) run(Map.of("method", "MIN_MAX"), t).outputs().get(0);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0, 1}, ((DoubleColumn) out.column("n")).toArray(), 1e-15);
    }

    @Test
    void badSettingsAndColumnsGiveClearErrors() {
        var range = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("rangeMin", 1, "rangeMax", 1)));
        assertEquals("Range min (1.0) must be less than range max (1.0), and both finite. Change 'Range min' or 'Range max'.",
                range.getMessage());
        var unknown = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("petal", "sepal_width"))), Fixtures.iris().spec()));
        assertEquals("Columns: column 'petal' not found (available: sepal_length, sepal_width, petal_length, petal_width, "
                + "class). Choose columns that exist in the input table.", unknown.getMessage());
        var nominal = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("class"))), Fixtures.iris().spec()));
        assertTrue(nominal.getMessage().startsWith("Columns: column 'class' is a string column, but only numeric columns"),
                nominal.getMessage());
        var none = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of()), Fixtures.iris().select("class").spec()));
        assertTrue(none.getMessage().startsWith("There is no numeric feature column to normalize"), none.getMessage());
    }

    @Test
    void allMissingColumnIsNamed() {
        Table t = Table.of(DoubleColumn.of("empty", Double.NaN, Double.NaN), DoubleColumn.of("x", 1, 2));
        var e = assertThrows(InvalidInputException.class, () -> run(Map.of(), t));
        assertTrue(e.getMessage().startsWith("Column 'empty' has no values (all 2 cells are missing)"), e.getMessage());
    }

    @Test
    void applyingToATableWithoutTheColumnsNamesThem() {
        Transform transform = (Transform) run(Map.of(), Fixtures.iris()).outputs().get(1);
        var e = assertThrows(InvalidInputException.class,
                () -> transform.apply(Fixtures.iris().select("sepal_length", "class"), TestContext.create()));
        assertEquals("The Normalizer (z-score) transform needs column(s) sepal_width, petal_length, petal_width that the "
                + "input table lacks (available: sepal_length, class). Apply it to a table with the columns it was fitted on.",
                e.getMessage());
    }

    @Test
    void cancellationStopsTheFit() {
        TestContext ctx = TestContext.create();
        ctx.cancel();
        assertThrows(CanceledException.class, () -> tester.execute(tester.settings(Map.of()), ctx, Fixtures.iris()));
    }
}
