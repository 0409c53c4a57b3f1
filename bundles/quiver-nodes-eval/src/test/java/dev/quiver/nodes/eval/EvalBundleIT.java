package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortObject;
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
 * The packaged bundle in a real Felix with SCR: it resolves with only the Quiver API, its node
 * factories register, and Train → Predict → Scorer run through the services.
 */
class EvalBundleIT {
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-");
    /** The API comes from the class path through the system bundle, so this test can call the services. */
    private static final String API_PACKAGES = "dev.quiver.api;version=0.1.0,dev.quiver.api.node;version=0.1.0,"
            + "dev.quiver.api.port;version=0.1.0,dev.quiver.api.settings;version=0.1.0,"
            + "dev.quiver.api.table;version=0.1.0,org.slf4j;version=2.0.17";

    @Test
    void nodesRegisterAndRunInsideFelix(@TempDir Path storage) throws Exception {
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
            Bundle eval = context.installBundle(new File(bundle).toURI().toString());
            installed.add(eval);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, eval.getState(), "dev.quiver.nodes.eval did not resolve");
            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            for (int attempt = 0; attempt < 200 && factories.size() < 7; attempt++) {
                factories.clear();
                ServiceReference<?>[] refs = context.getAllServiceReferences(NodeFactory.class.getName(), null);
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    NodeFactory<?> f = (NodeFactory<?>) context.getService(r);
                    factories.put(f.descriptor().id(), f);
                }
                Thread.sleep(50);
            }
            assertEquals(List.of(NumericScorerNodeFactory.ID, ScorerNodeFactory.ID, CrossValidateNodeFactory.ID,
                    PipelineNodeFactory.ID, PredictNodeFactory.ID, TrainNodeFactory.ID, TransformChainNodeFactory.ID),
                    List.copyOf(factories.keySet()));

            Table iris = Fixtures.iris();
            Model model = (Model) run(factories.get(TrainNodeFactory.ID), new CentroidLearner(), iris).get(0);
            Table predicted = (Table) run(factories.get(PredictNodeFactory.ID), model, iris).get(0);
            Table metrics = (Table) run(factories.get(ScorerNodeFactory.ID), predicted).get(0);
            assertEquals(139.0 / 150, ScorerNodeFactoryTest.metric(metrics, "accuracy"), 1e-12);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, PortObject... inputs) {
        S settings = Settings.validate(factory.defaultSettings());
        return factory.execute(new Ports<>(factory.descriptor().inputs(), java.util.Arrays.asList(inputs)), settings,
                TestContext.create()).outputs();
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
