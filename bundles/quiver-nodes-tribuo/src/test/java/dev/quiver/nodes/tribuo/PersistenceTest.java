package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Tribuo;

/** Every Tribuo learner's model survives save → read with identical predictions and probabilities. */
class PersistenceTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private static final FitColumns IRIS_REGRESSION = new FitColumns("petal_width",
            List.of("sepal_length", "sepal_width", "petal_length"));

    static Stream<Arguments> classifiers() {
        return Stream.of(
                Arguments.of(new LogisticRegressionNodeFactory(), Map.of()),
                Arguments.of(new LinearSvmNodeFactory(), Map.of()),
                Arguments.of(new LibLinearNodeFactory(), Map.of()),
                Arguments.of(new SvmNodeFactory(), Map.of()),
                Arguments.of(new SvmNodeFactory(), Map.of("probabilities", false)),
                Arguments.of(new DecisionTreeNodeFactory(), Map.of()),
                Arguments.of(new RandomForestNodeFactory(), Map.of("trees", 10)),
                Arguments.of(new ExtraTreesNodeFactory(), Map.of("trees", 10)),
                Arguments.of(new AdaBoostNodeFactory(), Map.of("rounds", 10)),
                Arguments.of(new NearestNeighboursNodeFactory(), Map.of()),
                Arguments.of(new XGBoostNodeFactory(), Map.of("trees", 10)),
                Arguments.of(new NaiveBayesNodeFactory(), Map.of()),
                Arguments.of(new FactorizationMachineNodeFactory(), Map.of()));
    }

    static Stream<Arguments> regressors() {
        return Stream.of(
                Arguments.of(new LinearRegressionNodeFactory(), Map.of()),
                Arguments.of(new RegressionTreeNodeFactory(), Map.of()),
                Arguments.of(new XGBoostRegressionNodeFactory(), Map.of("trees", 10)));
    }

    static <S extends Record> Learner learner(NodeFactory<S> factory, Map<String, ?> overrides) {
        NodeTester<S> tester = NodeTester.of(factory);
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    static byte[] save(Model model) throws IOException {
        var bytes = new ByteArrayOutputStream();
        ((Persistable) model).writeTo(bytes);
        return bytes.toByteArray();
    }

    static void assertSamePredictions(Table expected, Table actual) {
        assertEquals(expected.spec(), actual.spec());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            for (int i = 0; i < expected.rowCount(); i++) {
                if (e instanceof DoubleColumn d) {
                    assertEquals(d.get(i), ((DoubleColumn) a).get(i), 0.0, e.spec().name() + " row " + i);
                } else {
                    assertEquals(((StringColumn) e).get(i), ((StringColumn) a).get(i), e.spec().name() + " row " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("classifiers")
    <S extends Record> void classifierRoundTrips(NodeFactory<S> factory, Map<String, ?> overrides) throws IOException {
        Learner learner = learner(factory, overrides);
        assertTrue(learner.settingsRecord().isPresent(), "settingsRecord of " + factory.descriptor().id());
        assertEquals(learner.settingsRecord().get().getClass(), factory.settingsType());
        Table iris = Fixtures.iris();
        Model model = learner.fit(iris, IRIS, TestContext.create());
        assertEquals(TribuoClassifier.FORMAT, ((Persistable) model).formatId());
        Map<String, String> provenance = model.spec().provenance();
        for (String key : List.of("learner", "seed", "trainingRows", "trainingFeatures", "trainingLabel", "library",
                "trainer")) {
            assertTrue(provenance.containsKey(key), key + " missing from " + provenance);
        }
        assertEquals("150", provenance.get("trainingRows"));
        assertEquals(String.join(",", IrisSplits.FEATURES), provenance.get("trainingFeatures"));
        assertEquals("Tribuo " + Tribuo.VERSION, provenance.get("library"));
        assertTrue(provenance.keySet().stream().anyMatch(k -> k.startsWith("setting.")), provenance.toString());

        PortObjectReader reader = new TribuoClassifierReader();
        PortObject read = reader.read(new ByteArrayInputStream(save(model)), model.spec());
        assertEquals(model.getClass(), read.getClass());
        assertEquals(model.spec(), read.spec());
        assertSamePredictions(model.predict(iris, TestContext.create()),
                ((Model) read).predict(iris, TestContext.create()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("regressors")
    <S extends Record> void regressorRoundTrips(NodeFactory<S> factory, Map<String, ?> overrides) throws IOException {
        Learner learner = learner(factory, overrides);
        assertTrue(learner.settingsRecord().isPresent());
        Table iris = Fixtures.iris();
        Model model = learner.fit(iris, IRIS_REGRESSION, TestContext.create());
        assertEquals(TribuoRegressor.FORMAT, ((Persistable) model).formatId());
        assertEquals("sepal_length,sepal_width,petal_length", model.spec().provenance().get("trainingFeatures"));
        PortObject read = new TribuoRegressorReader().read(new ByteArrayInputStream(save(model)), model.spec());
        assertSamePredictions(model.predict(iris, TestContext.create()),
                ((Model) read).predict(iris, TestContext.create()));
    }

    @Test
    void readersRefuseForeignOrCorruptBytes() throws IOException {
        Model classifier = learner(new DecisionTreeNodeFactory(), Map.of()).fit(Fixtures.iris(), IRIS,
                TestContext.create());
        byte[] bytes = save(classifier);
        ModelSpec spec = classifier.spec();
        var e = assertThrows(IOException.class,
                () -> new TribuoRegressorReader().read(new ByteArrayInputStream(bytes), spec));
        assertEquals("The file holds a quiver.tribuo.classifier, not a quiver.tribuo.regressor.", e.getMessage());

        byte[] newer = bytes.clone();
        newer[7] = 9;
        e = assertThrows(IOException.class, () -> new TribuoClassifierReader().read(new ByteArrayInputStream(newer), spec));
        assertEquals("Unknown Tribuo model header version 9, this Quiver reads at most version 1. Update Quiver to"
                + " read this file.", e.getMessage());

        e = assertThrows(IOException.class,
                () -> new TribuoClassifierReader().read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), spec));
        assertTrue(e.getMessage().startsWith("Not a saved Tribuo model"), e.getMessage());

        e = assertThrows(IOException.class, () -> new TribuoClassifierReader().read(new ByteArrayInputStream(bytes), null));
        assertTrue(e.getMessage().startsWith("A saved Tribuo model needs its model spec"), e.getMessage());

        Model regressor = learner(new RegressionTreeNodeFactory(), Map.of()).fit(Fixtures.iris(), IRIS_REGRESSION,
                TestContext.create());
        byte[] regressorBytes = save(regressor);
        // A regressor's Tribuo bytes behind a classifier header: the Tribuo model itself is checked too.
        byte[] relabelled = relabel(regressorBytes, TribuoRegressor.FORMAT, TribuoClassifier.FORMAT);
        e = assertThrows(IOException.class,
                () -> new TribuoClassifierReader().read(new ByteArrayInputStream(relabelled), regressor.spec()));
        assertTrue(e.getMessage().endsWith("does not predict class labels; it is not a classifier."), e.getMessage());
    }

    private static byte[] relabel(byte[] saved, String from, String to) throws IOException {
        var in = new java.io.DataInputStream(new ByteArrayInputStream(saved));
        in.readInt();
        in.readInt();
        assertEquals(from, in.readUTF());
        int kind = in.readInt();
        boolean probabilistic = in.readBoolean();
        byte[] proto = in.readNBytes(in.readInt());
        var out = new ByteArrayOutputStream();
        TribuoFiles.write(out, to, kind, probabilistic, proto);
        return out.toByteArray();
    }
}
