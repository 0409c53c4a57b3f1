package dev.quiver.testkit;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix for a node bundle's integration test: the packaged bundle (failsafe passes its jar as
 * the system property {@code quiver.bundle}) and the jars it needs from the test class path, installed
 * and started; then the test waits for the Declarative Services components SCR activates on its own
 * thread. Closing stops the framework.
 */
public final class FelixHarness implements AutoCloseable {
    /**
     * System packages when the test itself calls the bundle's services: the Quiver API then comes from
     * the class path through the system bundle, so the test and the bundle share its classes.
     */
    public static final String API_FROM_CLASS_PATH = "dev.quiver.api;version=0.1.0,dev.quiver.api.node;version=0.1.0,"
            + "dev.quiver.api.port;version=0.1.0,dev.quiver.api.settings;version=0.1.0,"
            + "dev.quiver.api.table;version=0.1.0,org.slf4j;version=2.0.17";
    /** System packages when the API is installed as a bundle: only SLF4J, from the launcher's class path as in the product. */
    public static final String SLF4J_ONLY = "org.slf4j;version=2.0.17";
    /** The Declarative Services runtime and what it needs, by jar-name prefix. */
    public static final List<String> SCR = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-");

    private final Framework framework;
    private final Map<String, Bundle> installed;
    private final Bundle underTest;

    private FelixHarness(Framework framework, Map<String, Bundle> installed, Bundle underTest) {
        this.framework = framework;
        this.installed = installed;
        this.underTest = underTest;
    }

    /**
     * Starts Felix with {@code systemPackages}, installs the class-path jars named by
     * {@code jarPrefixes} in that order and then the bundle under test, starts them all, and fails
     * the test unless the bundle under test is active.
     */
    public static FelixHarness start(Path storage, String systemPackages, List<String> jarPrefixes)
            throws BundleException {
        String bundle = System.getProperty("quiver.bundle");
        if (bundle == null) {
            throw new AssertionError("the failsafe configuration passes the bundle jar as quiver.bundle");
        }
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            var installed = new LinkedHashMap<String, Bundle>();
            for (String prefix : jarPrefixes) {
                installed.put(prefix, context.installBundle(new File(jar(prefix)).toURI().toString()));
            }
            Bundle underTest = context.installBundle(new File(bundle).toURI().toString());
            var all = new ArrayList<>(installed.values());
            all.add(underTest);
            for (Bundle b : all) {
                b.start();
            }
            if (underTest.getState() != Bundle.ACTIVE) {
                throw new AssertionError(underTest.getSymbolicName() + " did not resolve");
            }
            return new FelixHarness(framework, installed, underTest);
        } catch (BundleException | RuntimeException | Error e) {
            stop(framework);
            throw e;
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** The bundle under test. */
    public Bundle bundle() {
        return underTest;
    }

    /** A bundle installed from the class path, by the prefix it was named with. */
    public Bundle installed(String jarPrefix) {
        Bundle b = installed.get(jarPrefix);
        if (b == null) {
            throw new IllegalArgumentException("No bundle installed as " + jarPrefix);
        }
        return b;
    }

    /**
     * The references to services of {@code className} that {@code which} accepts, once there are at
     * least {@code count} of them or after 10 s (SCR activates components on its own thread; waiting
     * for them beats waiting a fixed time). The caller asserts on what it got.
     */
    public List<ServiceReference<?>> awaitServices(String className, Predicate<ServiceReference<?>> which, int count)
            throws InterruptedException {
        List<ServiceReference<?>> found = List.of();
        for (int attempt = 0; attempt < 200; attempt++) {
            found = services(className).stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(50);
        }
        return found;
    }

    /** Every registered service of {@code className} right now. */
    public List<ServiceReference<?>> services(String className) {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(className, null);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service object behind a reference, typed as the caller expects. */
    @SuppressWarnings("unchecked")
    public <T> T service(ServiceReference<?> reference) {
        return (T) context().getService(reference);
    }

    @Override
    public void close() {
        stop(framework);
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            throw new IllegalStateException("Felix did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The jar on the test class path whose file name starts with {@code prefix}. */
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
