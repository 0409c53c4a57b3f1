package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.FelixHarness;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle in a real Felix with SCR: it resolves with only the Quiver API and the JDK
 * (Tribuo, OLCUT, protobuf, LIBLINEAR, LIBSVM and XGBoost with its native library embedded on its Bundle-ClassPath), its learner
 * factories register, and every learner trains and predicts inside the bundle's class space.
 */
class TribuoBundleIT {
    /** Every node of the bundle, in id order. */
    private static final List<String> LEARNER_IDS = List.of(AdaBoostNodeFactory.ID, DecisionTreeNodeFactory.ID,
            ExtraTreesNodeFactory.ID, FactorizationMachineNodeFactory.ID,
            NearestNeighboursNodeFactory.ID, LibLinearNodeFactory.ID, LinearRegressionNodeFactory.ID,
            LinearSvmNodeFactory.ID, LogisticRegressionNodeFactory.ID, NaiveBayesNodeFactory.ID,
            RandomForestNodeFactory.ID, RegressionTreeNodeFactory.ID,
            SvmNodeFactory.ID, XGBoostNodeFactory.ID, XGBoostRegressionNodeFactory.ID);
    @Test
    void learnersRegisterAndTrainInsideFelix(@TempDir Path storage) throws Exception {
        try (var felix = FelixHarness.start(storage, FelixHarness.API_FROM_CLASS_PATH, FelixHarness.SCR)) {

            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            for (var r : felix.awaitServices(NodeFactory.class.getName(), any -> true, LEARNER_IDS.size())) {
                NodeFactory<?> f = felix.service(r);
                factories.put(f.descriptor().id(), f);
            }
            assertEquals(LEARNER_IDS, List.copyOf(factories.keySet()));

            var readers = new TreeMap<String, dev.quiver.api.port.PortObjectReader>();
            for (var r : felix.awaitServices(dev.quiver.api.port.PortObjectReader.class.getName(), any -> true, 2)) {
                dev.quiver.api.port.PortObjectReader reader = felix.service(r);
                readers.put(reader.formatId(), reader);
            }
            assertEquals(List.of(TribuoClassifier.FORMAT, TribuoRegressor.FORMAT), List.copyOf(readers.keySet()));

            IrisSplits.Split split = IrisSplits.zScore(IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42));
            var columns = new FitColumns("class", IrisSplits.FEATURES);
            for (NodeFactory<?> f : factories.values()) {
                Learner learner = learner(f);
                if (learner.spec().task() == Task.REGRESSION) {
                    var petalWidth = new FitColumns("petal_width", List.of("sepal_length", "sepal_width", "petal_length"));
                    Table iris = Fixtures.iris();
                    Table predicted = learner.fit(iris, petalWidth, TestContext.create()).predict(iris,
                            TestContext.create());
                    assertEquals(150, predicted.rowCount(), f.descriptor().id());
                    continue;
                }
                assertTrue(learner.getClass().getClassLoader() != getClass().getClassLoader(),
                        "the learner comes from the bundle, not from the test class path");
                // Naive Bayes wants non-negative counts: it gets the raw measurements, the others z-scores.
                IrisSplits.Split data = f.descriptor().id().equals(NaiveBayesNodeFactory.ID)
                        ? IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42) : split;
                Model model = learner.fit(data.train(), columns, TestContext.create());
                Table predicted = model.predict(data.test(), TestContext.create());
                double accuracy = LogisticRegressionNodeFactoryTest.accuracy(predicted, data.test());
                assertTrue(accuracy >= 0.85, f.descriptor().id() + " reached only " + accuracy + " inside Felix");
                assertTrue(model.spec().provenance().get("library").startsWith("Tribuo 4.3"));
                // Saved and read back through the bundle's reader service: Tribuo's protobuf inside Felix.
                var bytes = new java.io.ByteArrayOutputStream();
                ((dev.quiver.api.port.Persistable) model).writeTo(bytes);
                Model read = (Model) readers.get(((dev.quiver.api.port.Persistable) model).formatId())
                        .read(new java.io.ByteArrayInputStream(bytes.toByteArray()), model.spec());
                PersistenceTest.assertSamePredictions(predicted, read.predict(data.test(), TestContext.create()));
            }
        }
    }

    private static <S extends Record> Learner learner(NodeFactory<S> factory) {
        S settings = Settings.validate(factory.defaultSettings());
        return (Learner) factory.execute(new Ports<>(factory.descriptor().inputs(), List.of()), settings,
                TestContext.create()).outputs().get(0);
    }
}
