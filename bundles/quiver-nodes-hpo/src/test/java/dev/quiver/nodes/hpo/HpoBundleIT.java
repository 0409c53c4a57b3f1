package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR: it resolves against the API and the eval bundle's
 * exported evaluation package, its node registers, it finds the Tribuo learner nodes through the
 * service registry (so the search space is known at configure time) — and loses them again when
 * the Tribuo bundle goes — and it runs a search through the services.
 */
class HpoBundleIT {
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-", "quiver-nodes-eval-", "quiver-nodes-tribuo-");
    private static final String API_PACKAGES = "dev.quiver.api;version=0.1.0,dev.quiver.api.node;version=0.1.0,"
            + "dev.quiver.api.port;version=0.1.0,dev.quiver.api.settings;version=0.1.0,"
            + "dev.quiver.api.table;version=0.1.0,org.slf4j;version=2.0.17";

    @Test
    void theSearchFindsLearnerNodesAndRunsInsideFelix(@TempDir Path storage) throws Exception {
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
            Bundle tribuo = installed.get(installed.size() - 1);
            Bundle hpoBundle = context.installBundle(new File(bundle).toURI().toString());
            installed.add(hpoBundle);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, hpoBundle.getState(), "dev.quiver.nodes.hpo did not resolve");
            NodeFactory<?> hpo = await(context, "quiver.hpo.search");
            NodeFactory<?> tree = await(context, "quiver.tribuo.decision-tree");
            Learner learner = (Learner) run(tree, Map.of()).get(0);

            Table cancer = Fixtures.breastCancer();
            TableSpec trials = (TableSpec) configure(hpo, learner.spec(), cancer.spec(), null).get(2);
            assertEquals(List.of("trial", "maxDepth", "minChildWeight", "minImpurityDecrease", "impurity",
                    "featuresPerSplit", "randomSplitPoints", "accuracy", "accuracy std", "seconds", "status", "message"),
                    trials.names());

            Table result = (Table) run(hpo, Map.of("strategy", "RANDOM", "maxTrials", 3, "folds", 3), learner, cancer,
                    null).get(2);
            assertEquals(3, result.rowCount());
            assertEquals("ok", result.stringColumn("status").get(0));

            // Without the Tribuo bundle its node is gone: only the learner spec's printed booleans remain known.
            tribuo.uninstall();
            TableSpec without = (TableSpec) configure(hpo, learner.spec(), cancer.spec(), null).get(2);
            assertEquals(List.of("trial", "randomSplitPoints", "accuracy", "accuracy std", "seconds", "status",
                    "message"), without.names());
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static NodeFactory<?> await(BundleContext context, String id) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(NodeFactory.class.getName(), null);
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                NodeFactory<?> f = (NodeFactory<?>) context.getService(r);
                if (f.descriptor().id().equals(id)) {
                    return f;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Node " + id + " did not register");
    }

    private static <S extends Record> List<PortSpec> configure(NodeFactory<S> factory, PortSpec... inputs) {
        return factory.configure(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)),
                factory.defaultSettings(), TestContext.create());
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, Map<String, ?> overrides,
            PortObject... inputs) {
        S settings = Settings.with(factory.defaultSettings(), overrides);
        return factory.execute(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)), settings,
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
