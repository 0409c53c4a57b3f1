package dev.quiver.nodes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR: every import resolves (Hipparchus and the Quiver API as
 * bundles, nothing embedded) and all node factories register as {@code NodeFactory} services.
 */
class StatsBundleIT {
    /** Jars from the test class path installed as bundles, by file-name prefix. */
    private static final List<String> BUNDLES = List.of("quiver-api-", "hipparchus-core-", "hipparchus-stat-",
            "org.osgi.util.function-", "org.osgi.util.promise-", "org.osgi.service.component-",
            "org.apache.felix.scr-");

    @Test
    void allNodeFactoriesRegisterInFelix(@TempDir Path storage) throws Exception {
        String bundle = System.getProperty("quiver.bundle");
        assertNotNull(bundle, "the failsafe configuration passes the bundle jar as quiver.bundle");
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // SLF4J comes from the launcher's class path, as in the product
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.17");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            var installed = new ArrayList<Bundle>();
            for (String prefix : BUNDLES) {
                installed.add(context.installBundle(new File(jar(prefix)).toURI().toString()));
            }
            Bundle stats = context.installBundle(new File(bundle).toURI().toString());
            installed.add(stats);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, stats.getState(), "dev.quiver.nodes.stats did not resolve");
            var names = new TreeSet<String>();
            // SCR activates components on its own thread; wait for it rather than for a fixed time
            for (int attempt = 0; attempt < 200 && names.size() < NodeContractTest.FACTORIES.size(); attempt++) {
                names.clear();
                ServiceReference<?>[] refs = context.getAllServiceReferences("dev.quiver.api.node.NodeFactory", null);
                if (refs != null) {
                    for (ServiceReference<?> r : refs) {
                        names.add(String.valueOf(r.getProperty("component.name")));
                    }
                }
                Thread.sleep(50);
            }
            var expected = new TreeSet<String>();
            NodeContractTest.FACTORIES.forEach(f -> expected.add(f.getClass().getName()));
            assertEquals(expected, names);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
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
