package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcaNodeFactoryTest {
    private final NodeTester<PcaSettings> tester = NodeTester.of(new PcaNodeFactory());

    // scikit-learn 1.2.1 (Debian python3-sklearn): PCA().fit(iris[:, :4]).explained_variance_ratio_
    static final double[] IRIS_RATIOS = {0.9246187232, 0.0530664831, 0.0171026098, 0.0052121839};
    // PCA().fit(X).explained_variance_ (n − 1 denominator)
    static final double[] IRIS_VARIANCES = {4.228241706, 0.2426707479, 0.0782095, 0.023835093};
    // PCA().fit(X).components_ (rows = components)
    static final double[][] IRIS_COMPONENTS = {
            {0.3613865918, -0.0845225141, 0.8566706059, 0.3582891972},
            {0.6565887713, 0.7301614348, -0.1733726628, -0.0754810199},
            {-0.5820298513, 0.5979108301, 0.0762360758, 0.545831432},
            {-0.3154871929, 0.3197231037, 0.479838987, -0.7536574253}};
    // PCA().fit(X).transform(X[:3])
    static final double[][] IRIS_FIRST_SCORES = {
            {-2.6841256260e+00, 3.1939724659e-01, -2.7914827589e-02, -2.2624370713e-03},
            {-2.7141416873e+00, -1.7700122506e-01, -2.1046427238e-01, -9.9026550324e-02},
            {-2.8889905691e+00, -1.4494942609e-01, 1.7900256321e-02, -1.9968389709e-02}};
    // PCA().fit(StandardScaler().fit_transform(X)).explained_variance_ratio_
    static final double[] IRIS_SCALED_RATIOS = {0.7296244541, 0.2285076179, 0.0366892189, 0.0051787091};
    // PCA(2, whiten=True).fit(X).transform(X[:2])
    static final double[][] IRIS_WHITENED = {{-1.3053378633, 0.6483693158}, {-1.3199352059, -0.3593085551}};

    private PcaSettings settings(Map<String, ?> overrides) {
        return tester.settings(overrides);
    }

    @Test
    void configureOnSpecsAlone() {
        TableSpec spec = Fixtures.iris().spec();
        List<PortSpec> out = tester.configure(settings(Map.of("components", 3)), spec);
        TableSpec table = assertInstanceOf(TableSpec.class, out.get(0));
        assertEquals(List.of("class", "PC1", "PC2", "PC3"), table.names());
        assertEquals(List.of("feature", "PC1", "PC2", "PC3"), ((TableSpec) out.get(3)).names());
        assertEquals(List.of("component", "eigenvalue", "explained_variance_ratio", "cumulative_ratio"),
                ((TableSpec) out.get(2)).names());
        TableSpec kept = (TableSpec) tester.configure(settings(Map.of("keepOriginal", true)), spec).get(0);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class", "PC1", "PC2"),
                kept.names());
        // Unknown before the data: the number of components chosen by variance fraction.
        List<PortSpec> byVariance = tester.configure(settings(Map.of("componentRule", "VARIANCE_FRACTION")), spec);
        assertFalse(byVariance.get(0).isKnown());
    }

    @Test
    void irisMatchesScikitLearn() {
        for (String solver : List.of("AUTO", "SVD", "COVARIANCE")) {
            NodeResult r = tester.execute(settings(Map.of("components", 4, "solver", solver)), Fixtures.iris());
            Table variance = (Table) r.outputs().get(2);
            for (int c = 0; c < 4; c++) {
                assertEquals(IRIS_RATIOS[c], variance.column("explained_variance_ratio").getDouble(c), 1e-6, solver);
                assertEquals(IRIS_VARIANCES[c], variance.column("eigenvalue").getDouble(c), 1e-6, solver);
            }
            assertEquals(1.0, variance.column("cumulative_ratio").getDouble(3), 1e-12);
            Table loadings = (Table) r.outputs().get(3);
            Table projected = (Table) r.outputs().get(0);
            for (int c = 0; c < 4; c++) {
                double[] mine = ((DoubleColumn) loadings.column("PC" + (c + 1))).toArray();
                double sign = Math.signum(mine[0]) * Math.signum(IRIS_COMPONENTS[c][0]);
                for (int a = 0; a < 4; a++) {
                    assertEquals(IRIS_COMPONENTS[c][a], sign * mine[a], 1e-8, solver + " component " + c);
                }
                for (int i = 0; i < 3; i++) {
                    assertEquals(IRIS_FIRST_SCORES[i][c], sign * projected.column("PC" + (c + 1)).getDouble(i), 1e-8);
                }
            }
        }
    }

    @Test
    void scalingAndWhiteningMatchScikitLearn() {
        Table variance = (Table) tester.execute(settings(Map.of("scale", true)), Fixtures.iris()).outputs().get(2);
        for (int c = 0; c < 4; c++) {
            assertEquals(IRIS_SCALED_RATIOS[c], variance.column("explained_variance_ratio").getDouble(c), 1e-6);
        }
        Table white = (Table) tester.execute(settings(Map.of("whiten", true)), Fixtures.iris()).outputs().get(0);
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(Math.abs(IRIS_WHITENED[i][c]), Math.abs(white.column("PC" + (c + 1)).getDouble(i)), 1e-8);
            }
        }
    }

    @Test
    void transformAppliedToNewRowsEqualsTheFittedProjection() {
        Table iris = Fixtures.iris();
        NodeResult r = tester.execute(settings(Map.of("components", 3, "whiten", true)), iris);
        Table projected = (Table) r.outputs().get(0);
        Transform transform = (Transform) r.outputs().get(1);
        int[] rows = {149, 3, 77, 0};
        Table again = transform.apply(iris.rows(rows), TestContext.create());
        assertEquals(transform.spec().apply(iris.spec()).names(), again.spec().names());
        for (int c = 1; c <= 3; c++) {
            for (int i = 0; i < rows.length; i++) {
                assertEquals(projected.column("PC" + c).getDouble(rows[i]), again.column("PC" + c).getDouble(i), 1e-12);
            }
        }
        // The learner refits the same step with the same settings.
        Transform refit = transform.learner().fit(iris, TestContext.create());
        Table viaRefit = refit.apply(iris, TestContext.create());
        assertArrayEquals(((DoubleColumn) projected.column("PC2")).toArray(), ((DoubleColumn) viaRefit.column("PC2")).toArray(), 1e-12);
    }

    @Test
    void varianceFractionPicksTheFewestComponents() {
        // 0.9246 < 0.95 ≤ 0.9777: two components, as scikit-learn's PCA(0.95).
        NodeResult r = tester.execute(settings(Map.of("componentRule", "VARIANCE_FRACTION", "varianceFraction", 0.95)),
                Fixtures.iris());
        assertEquals(List.of("class", "PC1", "PC2"), ((Table) r.outputs().get(0)).spec().names());
        assertEquals(4, ((Table) r.outputs().get(2)).rowCount());
    }

    @Test
    void chartsAreAScreePlotAndAColouredProjection() {
        NodeResult r = tester.execute(settings(Map.of()), Fixtures.iris());
        assertEquals(2, r.charts().size());
        ChartSpec scree = r.charts().get(0);
        assertEquals(List.of(ChartSpec.Mark.BAR, ChartSpec.Mark.LINE), scree.layers().stream().map(ChartSpec.Layer::mark).toList());
        ChartSpec projection = r.charts().get(1);
        assertEquals(ChartSpec.Mark.POINT, projection.layers().get(0).mark());
        assertTrue(projection.layers().get(0).channels().stream()
                .anyMatch(c -> c.channel().equals("color") && c.field().equals("class")
                        && c.fieldType() == ChartSpec.FieldType.NOMINAL));
        assertEquals(150, projection.data().rowCount());
    }

    @Test
    void sameInputGivesTheSameResult() {
        var s = settings(Map.of("components", 3));
        Table a = (Table) tester.execute(s, Fixtures.wine()).outputs().get(0);
        Table b = (Table) tester.execute(s, Fixtures.wine()).outputs().get(0);
        for (String c : List.of("PC1", "PC2", "PC3")) {
            assertArrayEquals(((DoubleColumn) a.column(c)).toArray(), ((DoubleColumn) b.column(c)).toArray());
        }
    }

    @Test
    void cancellationStopsTheRun() {
        var context = TestContext.create().cancelAfterProgressReports(1);
        assertThrows(CanceledException.class, () -> tester.execute(settings(Map.of()), context, Fixtures.digits()));
    }

    @Test
    void missingValuesNameTheColumnsAndTheFixingNode() {
        var e = assertThrows(InvalidInputException.class, () -> tester.execute(settings(Map.of()), Fixtures.irisMissing()));
        assertTrue(e.getMessage().contains("sepal_length ("), e.getMessage());
        assertTrue(e.getMessage().contains("petal_width ("), e.getMessage());
        assertTrue(e.getMessage().contains("Missing Values"), e.getMessage());
    }

    @Test
    void nominalColumnsAreRejectedWithTheOneHotAdvice() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(settings(Map.of("columns", List.of("sepal_length", "class"))), Fixtures.iris().spec()));
        assertTrue(e.getMessage().contains("class (string)"), e.getMessage());
        assertTrue(e.getMessage().contains("One-Hot Encoder"), e.getMessage());
        var none = assertThrows(InvalidInputException.class,
                () -> tester.configure(settings(Map.of()), TableSpec.of(ColumnSpec.nominal("colour", ColumnRole.FEATURE, List.of()))));
        assertTrue(none.getMessage().contains("no numeric feature columns"), none.getMessage());
    }

    @Test
    void tooManyComponentsNamesTheLimit() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(settings(Map.of("components", 5)), Fixtures.iris().spec()));
        assertTrue(e.getMessage().contains("'Components' is 5") && e.getMessage().contains("at most 4"), e.getMessage());
        Table three = Fixtures.iris().rows(new int[] {0, 60, 120});
        var rows = assertThrows(InvalidInputException.class,
                () -> tester.execute(settings(Map.of("components", 4)), three));
        assertTrue(rows.getMessage().contains("only 3 rows") && rows.getMessage().contains("at most 3"), rows.getMessage());
    }

    @Test
    void constantColumnWithScalingIsAnError() {
        Table t = Table.of(DoubleColumn.of("a", 1, 2, 3, 4), DoubleColumn.of("flat", 7, 7, 7, 7),
                DoubleColumn.of("b", 4, 1, 3, 2));
        var e = assertThrows(InvalidInputException.class, () -> tester.execute(settings(Map.of("scale", true)), t));
        assertTrue(e.getMessage().contains("flat") && e.getMessage().contains("constant"), e.getMessage());
        // Without scaling a constant column is harmless: it only adds a zero-variance direction.
        tester.execute(settings(Map.of()), t);
    }

    @Test
    void unknownColourColumnIsReported() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(settings(Map.of("colorColumn", "species")), Fixtures.iris().spec()));
        assertTrue(e.getMessage().contains("'species' not found"), e.getMessage());
    }

    @Test
    void numericLabelColumnColoursAsCategories() {
        Table iris = Fixtures.iris();
        StringColumn cls = iris.stringColumn("class");
        long[] codes = new long[iris.rowCount()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = cls.code(i);
        }
        Table t = iris.drop(List.of("class")).withColumn(dev.quiver.api.table.LongColumn.wrap(
                new ColumnSpec("class", ColumnType.LONG, ColumnRole.LABEL), codes, null));
        NodeResult r = tester.execute(settings(Map.of("colorColumn", "class")), t);
        assertTrue(r.charts().get(1).layers().get(0).channels().stream()
                .anyMatch(c -> c.channel().equals("color") && c.fieldType() == ChartSpec.FieldType.NOMINAL));
    }
}
