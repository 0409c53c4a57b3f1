package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

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
    /** Jars from the test class path installed as bundles, by file-name prefix. */
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-");
    /** The API comes from the class path through the system bundle, so this test can call the services. */
    private static final String API_PACKAGES = "dev.quiver.api;version=0.1.0,dev.quiver.api.node;version=0.1.0,"
            + "dev.quiver.api.port;version=0.1.0,dev.quiver.api.settings;version=0.1.0,"
            + "dev.quiver.api.table;version=0.1.0,org.slf4j;version=2.0.17";

    @Test
    void learnersRegisterAndTrainInsideFelix(@TempDir Path storage) throws Exception {
        String bundle = System.getProperty("quiver.bundle");
        assertNotNull(bundle, "the failsafe configuration passes the bundle jar as quiver.bundle");
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES);
        Framework framework = java.util.ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            var installed = new ArrayList<Bundle>();
            for (String prefix : BUNDLES) {
                installed.add(context.installBundle(new File(jar(prefix)).toURI().toString()));
            }
            Bundle tribuo = context.installBundle(new File(bundle).toURI().toString());
            installed.add(tribuo);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, tribuo.getState(), "dev.quiver.nodes.tribuo did not resolve");

            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            // SCR activates components on its own thread; wait for it rather than for a fixed time.
            for (int attempt = 0; attempt < 200 && factories.size() < LEARNER_IDS.size(); attempt++) {
                factories.clear();
                ServiceReference<?>[] refs = context.getAllServiceReferences(NodeFactory.class.getName(), null);
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    NodeFactory<?> f = (NodeFactory<?>) context.getService(r);
                    factories.put(f.descriptor().id(), f);
                }
                Thread.sleep(50);
            }
            assertEquals(LEARNER_IDS, List.copyOf(factories.keySet()));

            var readers = new TreeMap<String, dev.quiver.api.port.PortObjectReader>();
            for (int attempt = 0; attempt < 200 && readers.size() < 2; attempt++) {
                ServiceReference<?>[] refs = context.getAllServiceReferences(
                        dev.quiver.api.port.PortObjectReader.class.getName(), null);
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    var reader = (dev.quiver.api.port.PortObjectReader) context.getService(r);
                    readers.put(reader.formatId(), reader);
                }
                Thread.sleep(50);
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
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static <S extends Record> Learner learner(NodeFactory<S> factory) {
        S settings = Settings.validate(factory.defaultSettings());
        return (Learner) factory.execute(new Ports<>(factory.descriptor().inputs(), List.of()), settings,
                TestContext.create()).outputs().get(0);
    }

    private static String jar(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return entry;
            }
        }
        throw new AssertionError("No " + prefix + "*.jar on the test class path");
    }
}
