package dev.quiver.nodes.features;

import static dev.quiver.nodes.features.TestTables.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolynomialNodeFactoryTest {
    private final NodeTester<PolynomialSettings> tester = NodeTester.of(new PolynomialNodeFactory());

    // scikit-learn 1.2.1: PolynomialFeatures(degree=2).get_feature_names_out(iris names[:3]).
    private static final List<String> DEGREE_2_BIAS = List.of("1", "sepal_length", "sepal_width", "petal_length",
            "sepal_length^2", "sepal_length sepal_width", "sepal_length petal_length", "sepal_width^2",
            "sepal_width petal_length", "petal_length^2");

    @Test
    void configureNamesColumnsInScikitLearnOrderFromSpecsAlone() {
        var settings = tester.settings(Map.of("columns", List.of("sepal_length", "sepal_width", "petal_length"),
                "includeBias", true));
        TableSpec t = (TableSpec) tester.configure(settings, Fixtures.iris().spec()).get(0);
        var expected = new java.util.ArrayList<>(DEGREE_2_BIAS);
        expected.addAll(List.of("petal_width", "class"));
        assertEquals(expected, t.names(), "the expansion takes the place of the first expanded column");

        // PolynomialFeatures(degree=3, include_bias=False) on two columns.
        var cubic = tester.settings(Map.of("columns", List.of("sepal_length", "sepal_width"), "degree", 3));
        assertEquals(List.of("sepal_length", "sepal_width", "sepal_length^2", "sepal_length sepal_width", "sepal_width^2",
                "sepal_length^3", "sepal_length^2 sepal_width", "sepal_length sepal_width^2", "sepal_width^3",
                "petal_length", "petal_width", "class"),
                ((TableSpec) tester.configure(cubic, Fixtures.iris().spec()).get(0)).names());
    }

    @Test
    void valuesEqualScikitLearn() {
        var settings = tester.settings(Map.of("columns", List.of("sepal_length", "sepal_width", "petal_length"),
                "includeBias", true));
        Table t = (Table) tester.execute(settings, Fixtures.iris()).outputs().get(0);
        // PolynomialFeatures(degree=2).fit_transform(X[:, :3]), rows 0 and 149.
        assertArrayEquals(new double[] {1.0, 5.1, 3.5, 1.4, 26.009999999999998, 17.849999999999998, 7.139999999999999,
                12.25, 4.8999999999999995, 1.9599999999999997}, row(t, DEGREE_2_BIAS, 0), 0);
        assertArrayEquals(new double[] {1.0, 5.9, 3.0, 5.1, 34.81, 17.700000000000003, 30.09, 9.0, 15.299999999999999,
                26.009999999999998}, row(t, DEGREE_2_BIAS, 149), 0);
    }

    @Test
    void interactionOnlyOfDegreeThreeEqualsScikitLearn() {
        Table t = (Table) tester.execute(tester.settings(Map.of("degree", 3, "interactionOnly", true)), Fixtures.iris())
                .outputs().get(0);
        // PolynomialFeatures(degree=3, interaction_only=True, include_bias=False): names and row 77.
        List<String> names = List.of("sepal_length", "sepal_width", "petal_length", "petal_width",
                "sepal_length sepal_width", "sepal_length petal_length", "sepal_length petal_width",
                "sepal_width petal_length", "sepal_width petal_width", "petal_length petal_width",
                "sepal_length sepal_width petal_length", "sepal_length sepal_width petal_width",
                "sepal_length petal_length petal_width", "sepal_width petal_length petal_width");
        var expected = new java.util.ArrayList<>(names);
        expected.add("class");
        assertEquals(expected, t.spec().names());
        assertArrayEquals(new double[] {6.7, 3.0, 5.0, 1.7, 20.1, 33.5, 11.39, 15.0, 5.1, 8.5, 100.5, 34.17, 56.95, 25.5},
                row(t, names, 77), 1e-12);
    }

    @Test
    void missingCellsPropagateAndLongsBecomeDoubles() {
        Table t = Table.of(DoubleColumn.of("a", 2, Double.NaN), LongColumn.of("b", 3, 4));
        Table out = (Table) tester.execute(tester.settings(Map.of()), t).outputs().get(0);
        assertEquals(List.of("a", "b", "a^2", "a b", "b^2"), out.spec().names());
        assertEquals(ColumnType.DOUBLE, out.column("b").type());
        assertArrayEquals(new double[] {2, 3, 4, 6, 9}, row(out, out.spec().names(), 0));
        assertArrayEquals(new double[] {Double.NaN, 4, Double.NaN, Double.NaN, 16}, row(out, out.spec().names(), 1));
    }

    @Test
    void transformAppliesToNewRowsAsAtFitTimeAndRefits() {
        Table iris = Fixtures.iris();
        NodeResult r = tester.execute(tester.settings(Map.of("degree", 3)), iris.slice(0, 100));
        Table own = (Table) r.outputs().get(0);
        Transform transform = (Transform) r.outputs().get(1);
        Table applied = transform.apply(iris, TestContext.create());
        List<String> names = own.spec().names();
        assertEquals(names, applied.spec().names());
        assertArrayEquals(row(own, names.subList(0, 34), 42), row(applied, names.subList(0, 34), 42));
        assertEquals(6.7 * 6.7 * 3.0, applied.column("sepal_length^2 sepal_width").getDouble(77), 1e-12);
        Transform refit = transform.learner().fit(Fixtures.iris(), TestContext.create());
        assertEquals(names, refit.apply(Fixtures.iris(), TestContext.create()).spec().names());
    }

    @Test
    void columnLimitFailsBeforeComputingAndTooFewRowsWarn() {
        assertEquals(BigInteger.valueOf(23425), PolynomialLearner.termCount(50, 3, false, false),
                "scikit-learn: PolynomialFeatures(degree=3, include_bias=False) on 50 columns has 23425 outputs");
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("degree", 5, "maxColumns", 100)), Fixtures.iris().spec()));
        assertEquals("Polynomial features of degree 5 over 4 columns would make 125 columns, more than the column limit "
                + "of 100. Choose fewer columns, a lower degree or 'Interaction terms only', or raise 'Column limit'.",
                e.getMessage());
        var degree = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("degree", 6)));
        assertEquals("Setting 'Degree' is 6, but must be between 2 and 5. Change 'Degree'.", degree.getMessage());

        TestContext ctx = TestContext.create();
        tester.execute(tester.settings(Map.of("degree", 3)), ctx, Fixtures.iris().slice(0, 20));
        assertEquals(List.of("The expansion has 34 columns but the table only 20 rows: a linear model can fit such data "
                + "exactly and will overfit. Use fewer columns, a lower degree, regularisation, or a Feature Selection "
                + "node afterwards."), ctx.warnings());
    }

    @Test
    void nameClashesAndNominalColumnsAreRejected() {
        Table t = Table.of(DoubleColumn.of("a", 1), DoubleColumn.of("a^2", 1));
        var clash = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("a"))), t.spec()));
        assertTrue(clash.getMessage().startsWith("The new column 'a^2' clashes"), clash.getMessage());
        var nominal = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("class"))), Fixtures.iris().spec()));
        assertTrue(nominal.getMessage().startsWith("Columns: column 'class' is a string column"), nominal.getMessage());
    }

    @Test
    void cancellationStopsTheExpansion() {
        TestContext ctx = TestContext.create();
        ctx.cancel();
        assertThrows(dev.quiver.api.CanceledException.class,
                () -> tester.execute(tester.settings(Map.of("degree", 3)), ctx, Fixtures.iris()));
    }
}
