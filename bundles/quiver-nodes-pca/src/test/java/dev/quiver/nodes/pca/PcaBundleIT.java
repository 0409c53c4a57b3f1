package dev.quiver.nodes.pca;

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
 * The packaged bundle in a real Felix with SCR: it resolves with only the Quiver API, SLF4J and the
 * JDK (EJML travels inside it on Bundle-ClassPath), and its three node factories and two readers register.
 */
class PcaBundleIT {
    private static final List<String> BUNDLES = List.of("quiver-api-", "org.osgi.util.function-",
            "org.osgi.util.promise-", "org.osgi.service.component-", "org.apache.felix.scr-");
    private static final List<String> FACTORIES = List.of(PcaNodeFactory.class.getName(),
            KernelPcaNodeFactory.class.getName(), InverseTransformNodeFactory.class.getName());

    @Test
    void resolvesAndRegistersItsNodeFactories(@TempDir Path storage) throws Exception {
        String bundle = System.getProperty("quiver.bundle");
        assertNotNull(bundle, "the failsafe configuration passes the bundle jar as quiver.bundle");
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.17");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            var installed = new ArrayList<Bundle>();
            for (String prefix : BUNDLES) {
                installed.add(context.installBundle(new File(jar(prefix)).toURI().toString()));
            }
            Bundle pca = context.installBundle(new File(bundle).toURI().toString());
            installed.add(pca);
            for (Bundle b : installed) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, pca.getState(), "dev.quiver.nodes.pca did not resolve");
            // The embedded EJML is visible to the bundle's own class loader.
            assertNotNull(pca.loadClass("org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM"));
            var names = new TreeSet<String>();
            for (int attempt = 0; attempt < 200 && names.size() < FACTORIES.size(); attempt++) {
                names.clear();
                ServiceReference<?>[] refs = context.getAllServiceReferences("dev.quiver.api.node.NodeFactory", null);
                if (refs != null) {
                    for (ServiceReference<?> r : refs) {
                        names.add(String.valueOf(r.getProperty("component.name")));
                    }
                }
                Thread.sleep(50);
            }
            assertEquals(new TreeSet<>(FACTORIES), names);
            var readers = new TreeSet<String>();
            ServiceReference<?>[] refs = context.getAllServiceReferences("dev.quiver.api.port.PortObjectReader", null);
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                readers.add(String.valueOf(r.getProperty("component.name")));
            }
            assertEquals(new TreeSet<>(List.of(PcaTransformReader.class.getName(), KernelPcaTransformReader.class.getName())),
                    readers);
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
