package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The packaged bundle in a real Felix with SCR: it resolves against the Quiver API and the eval
 * bundle's exported scoring package, its six node factories register, and SHAP and Permutation
 * Importance run through the services.
 */
class ExplainBundleIT {
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-", "quiver-nodes-eval-");
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
            Bundle explain = context.installBundle(new File(bundle).toURI().toString());
            installed.add(explain);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, explain.getState(), "dev.quiver.nodes.explain did not resolve");
            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            for (int attempt = 0; attempt < 200 && factories.size() < 6; attempt++) {
                factories.clear();
                ServiceReference<?>[] refs = context.getAllServiceReferences(NodeFactory.class.getName(), null);
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    NodeFactory<?> f = (NodeFactory<?>) context.getService(r);
                    if (f.descriptor().id().startsWith("quiver.explain.")) {
                        factories.put(f.descriptor().id(), f);
                    }
                }
                Thread.sleep(50);
            }
            assertEquals(List.of(LimeNodeFactory.ID, ModelStructureNodeFactory.ID, PartialDependenceNodeFactory.ID,
                    PermutationImportanceNodeFactory.ID, ShapNodeFactory.ID, SurrogateNodeFactory.ID),
                    List.copyOf(factories.keySet()));

            Table cancer = Fixtures.breastCancer();
            List<String> features = List.of("mean_radius", "mean_texture", "mean_smoothness");
            Model model = TestModels.logistic(features, List.of("benign", "malignant"), -16, new double[] {0.8, 0.2, 30});
            Table shap = (Table) run(factories.get(ShapNodeFactory.ID), model, cancer.slice(0, 20), cancer.slice(0, 2))
                    .get(0);
            double sum = shap.doubleColumn("base_value").get(0);
            for (String f : features) {
                sum += shap.doubleColumn(ShapNodeFactory.shapColumn(f)).get(0);
            }
            assertEquals(shap.doubleColumn("output").get(0), sum, 1e-12);
            Table importance = (Table) run(factories.get(PermutationImportanceNodeFactory.ID), model, cancer).get(0);
            assertEquals(3, importance.rowCount());
            assertTrue(importance.doubleColumn("importance").get(0) > 0);
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
