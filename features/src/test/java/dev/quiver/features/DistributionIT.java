package dev.quiver.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.launcher.FeatureCatalog;
import dev.quiver.launcher.FeatureDescriptor;
import dev.quiver.launcher.QuiverRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The assembled distribution in {@code target/quiver} is complete and its features start. */
class DistributionIT {
    private static final Path HOME = Path.of(System.getProperty("quiver.home", "target/quiver"));

    @Test
    void launcherClassPathIsInTheDistribution() throws IOException {
        try (JarFile launcher = new JarFile(HOME.resolve("quiver-launcher.jar").toFile())) {
            String classPath = launcher.getManifest().getMainAttributes().getValue("Class-Path");
            assertNotNull(classPath, "quiver-launcher.jar has no Class-Path");
            for (String entry : classPath.trim().split("\\s+")) {
                assertTrue(Files.isRegularFile(HOME.resolve(entry)),
                        entry + " is on the launcher's Class-Path but missing: update the launcher-class-path"
                                + " execution in features/pom.xml");
            }
        }
    }

    @Test
    void everyShippedBundleBelongsToAFeature() throws IOException {
        FeatureCatalog catalog = FeatureCatalog.load(HOME);
        Set<Path> named = new TreeSet<>();
        catalog.all().forEach(f -> f.bundleJars().forEach(jar -> named.add(jar.getFileName())));
        Set<Path> shipped = new TreeSet<>();
        try (Stream<Path> jars = Files.list(HOME.resolve("bundles"))) {
            jars.forEach(jar -> shipped.add(jar.getFileName()));
        }
        shipped.removeAll(named);
        assertEquals(Set.of(), shipped, "jars in bundles/ that no feature descriptor names");
    }

    @Test
    void coreStartsWithEveryBundleActive() {
        try (QuiverRuntime runtime = QuiverRuntime.start(HOME, List.of("core"))) {
            assertAllActive(runtime, runtime.bundleContext().getBundles());
            assertEquals(List.of("core"), runtime.installedFeatures());
        }
    }

    @Test
    void everyAutostartFeatureStartsTogether() {
        try (QuiverRuntime runtime = QuiverRuntime.start(HOME, List.of())) {
            List<String> expected = new ArrayList<>();
            runtime.catalog().select(List.of()).forEach(f -> expected.add(f.name()));
            assertEquals(expected, runtime.installedFeatures());
            assertAllActive(runtime, runtime.bundleContext().getBundles());
        }
    }

    @Test
    void theCommandServiceAnswers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (QuiverRuntime runtime = QuiverRuntime.start(HOME, List.of())) {
            // The command writes to System.out itself; keep the node list out of the build log.
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, runtime.runCommand("nodes"), runtime::bundleReport);
        } finally {
            System.setOut(original);
        }
        assertFalse(out.toString(StandardCharsets.UTF_8).isBlank(), "quiver nodes printed nothing");
    }

    @Test
    void aFeatureCanBeAddedAndRemovedWhileRunning() {
        try (QuiverRuntime runtime = QuiverRuntime.start(HOME, List.of("core"))) {
            int before = runtime.bundleContext().getBundles().length;
            FeatureDescriptor stats = runtime.catalog().get("stats");
            List<Bundle> bundles = runtime.installFeature("stats");
            assertEquals(stats.bundleJars().size(), bundles.size());
            assertAllActive(runtime, bundles.toArray(Bundle[]::new));
            runtime.uninstallFeature("stats");
            bundles.forEach(b -> assertEquals(Bundle.UNINSTALLED, b.getState()));
            assertEquals(before, runtime.bundleContext().getBundles().length, runtime.bundleReport());
        }
    }

    @Test
    void storageIsDeletedOnClose() {
        Path storage;
        try (QuiverRuntime runtime = QuiverRuntime.start(HOME, List.of("core"))) {
            storage = runtime.storage();
            assertTrue(Files.isDirectory(storage));
        }
        assertFalse(Files.exists(storage));
    }

    private static void assertAllActive(QuiverRuntime runtime, Bundle[] bundles) {
        for (Bundle bundle : bundles) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            assertEquals(expected, bundle.getState(), () -> bundle.getSymbolicName() + " is not "
                    + (fragment ? "RESOLVED" : "ACTIVE") + ":\n" + runtime.bundleReport());
        }
    }
}
