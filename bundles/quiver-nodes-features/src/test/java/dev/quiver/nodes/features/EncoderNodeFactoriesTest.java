package dev.quiver.nodes.features;

import static dev.quiver.nodes.features.TestTables.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderNodeFactoriesTest {
    private final NodeTester<OneHotSettings> oneHot = NodeTester.of(new OneHotNodeFactory());
    private final NodeTester<OrdinalSettings> ordinal = NodeTester.of(new OrdinalNodeFactory());

    /** Colours with a missing cell, a numeric column and a label that the defaults must leave alone. */
    private static Table shapes() {
        return Table.of(StringColumn.of("color", "red", "green", null, "blue", "green"),
                DoubleColumn.of("x", 1, 2, 3, 4, 5),
                StringColumn.of("size", "S", "L", "M", "S", "S"),
                StringColumn.of(new ColumnSpec("class", ColumnType.STRING, ColumnRole.LABEL),
                        Arrays.asList("a", "b", "a", "b", "a")));
    }

    @Test
    void oneHotConfigureNamesTheIndicatorsInPlaceFromSpecsAlone() {
        List<PortSpec> out = oneHot.configure(oneHot.settings(Map.of()), shapes().spec());
        TableSpec t = (TableSpec) out.get(0);
        assertEquals(List.of("color=blue", "color=green", "color=red", "x", "size=L", "size=M", "size=S", "class"), t.names());
        assertEquals(ColumnType.DOUBLE, t.find("color=red").orElseThrow().type());
        assertEquals(ColumnRole.LABEL, t.find("class").orElseThrow().role(), "the label is not encoded by default");
        assertEquals(t, assertInstanceOf(TransformSpec.class, out.get(1)).apply(shapes().spec()));

        TableSpec dropped = (TableSpec) oneHot.configure(oneHot.settings(Map.of("dropFirst", true,
                "columns", List.of("color"))), shapes().spec()).get(0);
        assertEquals(List.of("color=green", "color=red", "x", "size", "class"), dropped.names());
    }

    @Test
    void oneHotConfigureIsUnknownWhileADomainIsUnknown() {
        TableSpec noDomain = TableSpec.of(new ColumnSpec("color", ColumnType.STRING), new ColumnSpec("x", ColumnType.DOUBLE));
        List<PortSpec> out = oneHot.configure(oneHot.settings(Map.of()), noDomain);
        assertFalse(out.get(0).isKnown());
        assertFalse(out.get(1).isKnown());
    }

    @Test
    void oneHotIndicatorsLikeScikitLearnWithMissingAsAllZeros() {
        Table t = (Table) oneHot.execute(oneHot.settings(Map.of()), shapes()).outputs().get(0);
        // OneHotEncoder(categories sorted).fit_transform: rows red, green, (missing), blue, green.
        assertArrayEquals(new double[] {0, 0, 0, 1, 0}, column(t, "color=blue"));
        assertArrayEquals(new double[] {0, 1, 0, 0, 1}, column(t, "color=green"));
        assertArrayEquals(new double[] {1, 0, 0, 0, 0}, column(t, "color=red"));
        assertArrayEquals(new double[] {1, 0, 0, 1, 1}, column(t, "size=S"));
        assertEquals("a", t.stringColumn("class").get(0));
    }

    @Test
    void oneHotOnIrisClassGivesThreeIndicatorsThatSumToOne() {
        Table t = (Table) oneHot.execute(oneHot.settings(Map.of("columns", List.of("class"))), Fixtures.iris()).outputs().get(0);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class=setosa",
                "class=versicolor", "class=virginica"), t.spec().names());
        double total = 0;
        for (String c : List.of("class=setosa", "class=versicolor", "class=virginica")) {
            total += Arrays.stream(column(t, c)).sum();
        }
        assertEquals(150, total);
        assertEquals(1, t.column("class=virginica").getDouble(149));
    }

    @Test
    void oneHotTransformHandlesUnknownCategoriesAsConfigured() {
        Table test = Table.of(StringColumn.of("color", "green", "purple"), DoubleColumn.of("x", 1, 2),
                StringColumn.of("size", "S", "M"), StringColumn.of("class", "a", "b"));
        Transform strict = (Transform) oneHot.execute(oneHot.settings(Map.of()), shapes()).outputs().get(1);
        var e = assertThrows(InvalidInputException.class, () -> strict.apply(test, TestContext.create()));
        assertEquals("Column 'color' has the value 'purple' in row 2, which the One-Hot Encoder did not see when it was "
                + "fitted (known: blue, green, red). Set 'Unknown categories' to ALL_ZEROS, or fit on data that contains "
                + "'purple'.", e.getMessage());

        Transform lenient = (Transform) oneHot.execute(oneHot.settings(Map.of("unknownCategories", "ALL_ZEROS")), shapes())
                .outputs().get(1);
        Table out = lenient.apply(test, TestContext.create());
        assertArrayEquals(new double[] {0, 0}, column(out, "color=blue"));
        assertArrayEquals(new double[] {1, 0}, column(out, "color=green"));
        assertArrayEquals(new double[] {0, 0}, column(out, "color=red"));
        assertEquals(List.of("color=blue", "color=green", "color=red", "x", "size=L", "size=M", "size=S", "class"),
                out.spec().names(), "the fitted categories, not the test table's, decide the columns");
    }

    @Test
    void oneHotFitOnTrainAppliesToTestRowsAsAtFitTimeAndRefits() {
        Table iris = Fixtures.iris();
        var settings = oneHot.settings(Map.of("columns", List.of("class"), "dropFirst", true));
        NodeResult r = oneHot.execute(settings, iris.slice(0, 100));
        Table own = (Table) r.outputs().get(0);
        Transform transform = (Transform) r.outputs().get(1);
        Table again = transform.apply(iris.slice(0, 100), TestContext.create());
        assertArrayEquals(column(own, "class=versicolor"), column(again, "class=versicolor"));
        // A slice keeps the full domain, so virginica has its column although the training rows lack it.
        Table test = transform.apply(iris.slice(100, 150), TestContext.create());
        assertTrue(Arrays.stream(column(test, "class=virginica")).allMatch(v -> v == 1));
        var refit = (OneHotLearner.Fitted) transform.learner().fit(shapes(), TestContext.create());
        assertEquals(Map.of("class", List.of("a", "b")), refit.categories(), "same settings, other data");
    }

    @Test
    void oneHotNamesThatClashAreRejected() {
        Table t = Table.of(StringColumn.of("c", "a", "b"), DoubleColumn.of("c=a", 1, 2));
        var e = assertThrows(InvalidInputException.class, () -> oneHot.configure(oneHot.settings(Map.of()), t.spec()));
        assertTrue(e.getMessage().startsWith("The new column 'c=a' clashes with a column of the same name."), e.getMessage());
        var none = assertThrows(InvalidInputException.class,
                () -> oneHot.configure(oneHot.settings(Map.of()), Fixtures.iris().spec()));
        assertTrue(none.getMessage().startsWith("There is no nominal feature column to encode"), none.getMessage());
        var numeric = assertThrows(InvalidInputException.class,
                () -> oneHot.configure(oneHot.settings(Map.of("columns", List.of("x"))), shapes().spec()));
        assertTrue(numeric.getMessage().startsWith("Columns: column 'x' is a double column, but only nominal (string)"),
                numeric.getMessage());
    }

    @Test
    void ordinalCodesLikeScikitLearnOrdinalEncoder() {
        List<PortSpec> specs = ordinal.configure(ordinal.settings(Map.of()), shapes().spec());
        assertEquals(List.of("color", "x", "size", "class"), ((TableSpec) specs.get(0)).names());
        assertEquals(ColumnType.DOUBLE, ((TableSpec) specs.get(0)).find("color").orElseThrow().type());
        NodeResult r = ordinal.execute(ordinal.settings(Map.of()), shapes());
        Table t = (Table) r.outputs().get(0);
        // OrdinalEncoder().fit_transform: categories sorted (blue=0, green=1, red=2; L=0, M=1, S=2); NaN stays NaN.
        assertArrayEquals(new double[] {2, 1, Double.NaN, 0, 1}, column(t, "color"));
        assertArrayEquals(new double[] {2, 0, 1, 2, 2}, column(t, "size"));
        assertEquals(ColumnType.STRING, t.column("class").type());
    }

    @Test
    void ordinalTransformHandlesUnknownCategoriesAsConfiguredAndRefits() {
        Table test = Table.of(StringColumn.of("color", "purple", "red"), DoubleColumn.of("x", 1, 2),
                StringColumn.of("size", "S", "M"), StringColumn.of("class", "a", "b"));
        Transform strict = (Transform) ordinal.execute(ordinal.settings(Map.of()), shapes()).outputs().get(1);
        var e = assertThrows(InvalidInputException.class, () -> strict.apply(test, TestContext.create()));
        assertEquals("Column 'color' has the value 'purple' in row 1, which the Ordinal Encoder did not see when it was "
                + "fitted (known: blue, green, red). Set 'Unknown categories' to MISSING, or fit on data that contains "
                + "'purple'.", e.getMessage());
        Transform lenient = (Transform) ordinal.execute(ordinal.settings(Map.of("unknownCategories", "MISSING")), shapes())
                .outputs().get(1);
        assertArrayEquals(new double[] {Double.NaN, 2}, column(lenient.apply(test, TestContext.create()), "color"));
        var refit = (OrdinalLearner.Fitted) lenient.learner().fit(test, TestContext.create());
        assertEquals(List.of("purple", "red"), refit.categories().get("color"));
    }
}
