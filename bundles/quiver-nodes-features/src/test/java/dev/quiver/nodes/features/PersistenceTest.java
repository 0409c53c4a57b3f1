package dev.quiver.nodes.features;

import dev.quiver.testkit.PersistenceChecks;
import static dev.quiver.testkit.PersistenceChecks.assertRefusesBadBytes;
import static dev.quiver.testkit.PersistenceChecks.assertSameTable;
import static dev.quiver.testkit.PersistenceChecks.assertSurvivesSaving;
import static dev.quiver.testkit.PersistenceChecks.bytes;
import static dev.quiver.testkit.PersistenceChecks.half;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every feature-engineering transform reads back from its bytes as the same transform. */
class PersistenceTest {

    private static <S extends Record> Transform fit(NodeFactory<S> factory, Map<String, ?> settings, Table training) {
        var node = NodeTester.of(factory);
        return (Transform) node.execute(node.settings(settings), training).outputs().get(1);
    }

    /** Fits on the even rows of {@code data}, round-trips, and compares on the odd rows. */
    private static <S extends Record> void check(NodeFactory<S> factory, PortObjectReader reader, Table data,
            List<Map<String, ?>> settings) throws IOException {
        Table training = half(data, true);
        Table other = half(data, false);
        for (Map<String, ?> s : settings) {
            assertSurvivesSaving(fit(factory, s, training), reader, training, other);
        }
    }

    /**
     * Iris with two nominal features: the species (made a feature) and a size class with gaps whose
     * spec carries a property, which must survive with the fitted-on spec.
     */
    private static Table nominal() {
        Table iris = Fixtures.iris().withRole("class", ColumnRole.FEATURE);
        var size = new ArrayList<String>();
        for (int i = 0; i < iris.rowCount(); i++) {
            double p = iris.column("petal_length").getDouble(i);
            size.add(i % 9 == 4 ? null : p < 2 ? "S" : p < 5 ? "M" : "L");
        }
        return iris.withColumn(StringColumn.of(new ColumnSpec("size", ColumnType.STRING, ColumnRole.FEATURE, List.of(),
                Map.of("source", "petal_length")), size));
    }

    /** Rows whose size is a class the encoders never saw. */
    private static Table unseen(Table like) {
        var size = new ArrayList<String>();
        for (int i = 0; i < like.rowCount(); i++) {
            size.add(i % 3 == 0 ? "XL" : ((StringColumn) like.column("size")).get(i));
        }
        return like.withColumn(StringColumn.of(like.spec().find("size").orElseThrow(), size));
    }

    @Test
    void oneHotSurvivesSaving() throws IOException {
        var reader = new OneHotTransformReader();
        check(new OneHotNodeFactory(), reader, nominal(), List.of(Map.of(), Map.of("dropFirst", true),
                Map.of("columns", List.of("size"), "unknownCategories", "ALL_ZEROS")));
        Table training = half(nominal(), true);
        Transform t = fit(new OneHotNodeFactory(), Map.of("unknownCategories", "ALL_ZEROS"), training);
        Transform back = assertSurvivesSaving(t, reader, training, unseen(half(nominal(), false)));
        assertSameTable(t.apply(unseen(training), TestContext.create()), back.apply(unseen(training), TestContext.create()));
    }

    @Test
    void ordinalSurvivesSaving() throws IOException {
        var reader = new OrdinalTransformReader();
        check(new OrdinalNodeFactory(), reader, nominal(), List.of(Map.of(), Map.of("columns", List.of("class"))));
        Table training = half(nominal(), true);
        Transform t = fit(new OrdinalNodeFactory(), Map.of("unknownCategories", "MISSING"), training);
        assertSurvivesSaving(t, reader, training, unseen(half(nominal(), false)));
    }

    @Test
    void polynomialSurvivesSaving() throws IOException {
        check(new PolynomialNodeFactory(), new PolynomialTransformReader(), Fixtures.iris(), List.of(Map.of(),
                Map.of("degree", 3, "includeBias", true),
                Map.of("degree", 3, "interactionOnly", true, "columns", List.of("sepal_width", "petal_width"))));
    }

    @Test
    void binningSurvivesSaving() throws IOException {
        // A constant column gets the edges −inf, inf; custom edges short of the data make missing cells.
        Table wine = Fixtures.wine();
        double[] constant = new double[wine.rowCount()];
        java.util.Arrays.fill(constant, 4.5);
        Table data = wine.withColumn(DoubleColumn.of("constant", constant));
        check(new BinningNodeFactory(), new BinningTransformReader(), data, List.of(Map.of(),
                Map.of("method", "EQUAL_FREQUENCY", "bins", 7, "output", "INDEX"),
                Map.of("method", "CUSTOM", "edges", List.of("12", "12.5", "13.25", "14"), "columns", List.of("alcohol")),
                Map.of("method", "CUSTOM", "edges", List.of("-inf", "0", "1e3", "inf"), "output", "INDEX")));
    }

    @Test
    void powerTransformSurvivesSaving() throws IOException {
        check(new PowerTransformNodeFactory(), new PowerTransformReader(), Fixtures.wine(), List.of(Map.of(),
                Map.of("method", "BOX_COX"),
                Map.of("method", "LOG1P", "standardize", false),
                Map.of("method", "LOG", "columns", List.of("proline", "hue"))));
    }

    @Test
    void robustScalerSurvivesSaving() throws IOException {
        check(new RobustScalerNodeFactory(), new RobustScalerTransformReader(), Fixtures.wine(), List.of(Map.of(),
                Map.of("quantileMin", 10.0, "quantileMax", 90.0, "withCentering", false),
                Map.of("withScaling", false, "columns", List.of("ash"))));
    }

    @Test
    void formulaSurvivesSaving() throws IOException {
        check(new FormulaNodeFactory(), new FormulaTransformReader(), Fixtures.irisMissing(), List.of(
                Map.of("outputColumn", "f", "expression", "if(petal_length > 4, log(petal_width - 1), sepal_length ^ 2)"),
                Map.of("outputColumn", "sepal_width", "expression", "round(sepal_width / `petal_width`, 2) % 3")));
    }

    @Test
    void anUnfittedFormulaIsNotSaved() {
        var step = new FormulaNodeFactory.Step(new FormulaSettings("f", "1"));
        var e = assertThrows(IllegalStateException.class, () -> step.writeTo(new java.io.ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("never fitted"), e.getMessage());
    }

    @Test
    void featureSelectionSurvivesSaving() throws IOException {
        var reader = new FeatureSelectTransformReader();
        check(new FeatureSelectNodeFactory(), reader, Fixtures.wine(), List.of(
                Map.of("varianceThreshold", 0.5),
                Map.of("method", "CORRELATION_FILTER", "correlationThreshold", 0.6),
                Map.of("method", "MUTUAL_INFORMATION", "k", 5),
                Map.of("method", "MRMR", "k", 4, "bins", 5)));
        check(new FeatureSelectNodeFactory(), reader, Fixtures.breastCancer(), List.of(
                Map.of("method", "CORRELATION_WITH_TARGET", "k", 6)));
        // The scores travel too: the read-back selection reports the same table of scores.
        Transform t = fit(new FeatureSelectNodeFactory(), Map.of("method", "MRMR", "k", 3), Fixtures.wine());
        var back = (FeatureSelectLearner.Fitted) PersistenceChecks.read(reader, bytes(t));
        assertSameTable(((FeatureSelectLearner.Fitted) t).scores(), back.scores());
    }

    @Test
    void damagedTruncatedAndNewerBytesAreRefused() {
        Table small = half(half(nominal(), true), true);
        assertRefusesBadBytes(fit(new OneHotNodeFactory(), Map.of(), small), new OneHotTransformReader(),
                "One-Hot Encoder transform");
        assertRefusesBadBytes(fit(new OrdinalNodeFactory(), Map.of(), small), new OrdinalTransformReader(),
                "Ordinal Encoder transform");
        assertRefusesBadBytes(fit(new PolynomialNodeFactory(), Map.of(), small), new PolynomialTransformReader(),
                "Polynomial Features transform");
        assertRefusesBadBytes(fit(new BinningNodeFactory(), Map.of("bins", 3), small), new BinningTransformReader(),
                "Binning transform");
        assertRefusesBadBytes(fit(new PowerTransformNodeFactory(), Map.of(), small), new PowerTransformReader(),
                "Power Transform");
        assertRefusesBadBytes(fit(new RobustScalerNodeFactory(), Map.of(), small), new RobustScalerTransformReader(),
                "Robust Scaler transform");
        assertRefusesBadBytes(fit(new FormulaNodeFactory(), Map.of("outputColumn", "r", "expression", "sepal_length / 2"),
                small), new FormulaTransformReader(), "Formula transform");
        assertRefusesBadBytes(fit(new FeatureSelectNodeFactory(), Map.of("method", "MUTUAL_INFORMATION", "k", 2),
                half(half(Fixtures.iris(), true), true)),
                new FeatureSelectTransformReader(), "Feature Selection transform");
    }

    @Test
    void bytesOfAnotherFormatAreRefusedNamingBoth() {
        byte[] scaled = bytes(fit(new RobustScalerNodeFactory(), Map.of(), Fixtures.iris()));
        var e = assertThrows(IOException.class,
                () -> new PowerTransformReader().read(new ByteArrayInputStream(scaled), null));
        assertTrue(e.getMessage().contains("'quiver.features.robust-scaler', not quiver.features.power-transform"),
                e.getMessage());
    }

    @Test
    void everyReaderIsFoundWithoutOsgi() {
        var formats = ServiceLoader.load(PortObjectReader.class).stream().map(p -> p.get().formatId()).sorted().toList();
        assertEquals(List.of("quiver.features.binning", "quiver.features.feature-selection", "quiver.features.formula",
                "quiver.features.one-hot", "quiver.features.ordinal", "quiver.features.polynomial",
                "quiver.features.power-transform", "quiver.features.robust-scaler"),
                formats.stream().filter(f -> f.startsWith("quiver.features.")).toList());
    }
}
