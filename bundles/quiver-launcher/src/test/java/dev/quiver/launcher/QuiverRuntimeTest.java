package dev.quiver.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Starts a real Felix with the Declarative Services bundles the distribution ships. */
class QuiverRuntimeTest {
    private static final String SCR_RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";

    @TempDir
    Path home;

    @BeforeEach
    void distribution() throws IOException {
        String source = System.getProperty("quiver.test.bundles");
        assertNotNull(source, "quiver.test.bundles is not set: run the tests through Maven");
        Path bundles = Files.createDirectories(home.resolve("bundles"));
        for (String id : List.of("org.apache.felix.scr", "org.osgi.service.component", "org.osgi.util.promise",
                "org.osgi.util.function")) {
            Files.copy(Path.of(source, id + ".jar"), bundles.resolve(id + ".jar"));
        }
        Path features = Files.createDirectories(home.resolve("features"));
        Files.writeString(features.resolve("util.properties"),
                "autostart=true\nbundles=org.osgi.util.function,org.osgi.util.promise\n");
        Files.writeString(features.resolve("ds.properties"),
                "requires=util\nbundles=org.osgi.service.component,org.apache.felix.scr\n");
        Files.writeString(features.resolve("functions.properties"), "bundles=org.osgi.util.function\n");
        // SCR without the packages it imports: the resolver must refuse it.
        Files.writeString(features.resolve("broken.properties"), "bundles=org.apache.felix.scr\n");
    }

    @Test
    void startsTheBundlesOfAFeatureAndItsRequirementsAndDeletesStorageOnClose() {
        Path storage;
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of("ds"))) {
            storage = runtime.storage();
            assertTrue(Files.isDirectory(storage));
            assertEquals(List.of("util", "ds"), runtime.installedFeatures());
            Bundle[] bundles = runtime.bundleContext().getBundles();
            assertEquals(5, bundles.length, runtime.bundleReport());
            for (Bundle bundle : bundles) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), runtime.bundleReport());
            }
            assertNotNull(runtime.bundleContext().getServiceReference(SCR_RUNTIME), "SCR is running");
            assertTrue(runtime.bundleReport().contains("ACTIVE      org.apache.felix.scr 2.2.12"),
                    runtime.bundleReport());
        }
        assertFalse(Files.exists(storage), "storage is deleted on close");
    }

    @Test
    void featuresComeAndGoAtRuntime() {
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of())) {
            BundleContext context = runtime.bundleContext();
            assertEquals(List.of("util"), runtime.installedFeatures());
            assertNull(context.getServiceReference(SCR_RUNTIME));

            List<Bundle> ds = runtime.installFeature("ds");
            assertEquals(2, ds.size());
            ds.forEach(b -> assertEquals(Bundle.ACTIVE, b.getState(), runtime.bundleReport()));
            assertNotNull(context.getServiceReference(SCR_RUNTIME));

            LaunchException e = assertThrows(LaunchException.class, () -> runtime.uninstallFeature("util"));
            assertTrue(e.getMessage().contains("required by installed feature 'ds'"), e.getMessage());

            runtime.uninstallFeature("ds");
            ds.forEach(b -> assertEquals(Bundle.UNINSTALLED, b.getState()));
            assertNull(context.getServiceReference(SCR_RUNTIME));
            assertEquals(3, context.getBundles().length, runtime.bundleReport());
            assertEquals(List.of("util"), runtime.installedFeatures());
        }
    }

    @Test
    void aBundleSharedByTwoFeaturesStaysUntilBothAreGone() {
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of("util", "functions"))) {
            Bundle function = runtime.installFeature("functions").get(0);
            Bundle promise = runtime.bundleContext().getBundles()[2];
            assertEquals("org.osgi.util.promise", promise.getSymbolicName());
            assertEquals(3, runtime.bundleContext().getBundles().length, "installed once");

            runtime.uninstallFeature("util");
            assertEquals(Bundle.UNINSTALLED, promise.getState());
            assertEquals(Bundle.ACTIVE, function.getState(), "still used by 'functions'");

            runtime.uninstallFeature("functions");
            assertEquals(Bundle.UNINSTALLED, function.getState());
            assertEquals(List.of(), runtime.installedFeatures());
        }
    }

    @Test
    void aBundleThatDoesNotResolveIsNamedWithTheMissingRequirement() {
        LaunchException e = assertThrows(LaunchException.class, () -> QuiverRuntime.start(home, List.of("broken")));
        assertTrue(e.getMessage().contains("org.apache.felix.scr 2.2.12 (org.apache.felix.scr.jar)"), e.getMessage());
        assertTrue(e.getMessage().contains("missing requirement"), e.getMessage());
    }

    @Test
    void aFailedFeatureInstallLeavesNothingBehind() {
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of("util"))) {
            assertThrows(LaunchException.class, () -> runtime.installFeature("broken"));
            assertEquals(List.of("util"), runtime.installedFeatures());
            assertEquals(3, runtime.bundleContext().getBundles().length, runtime.bundleReport());
        }
    }

    @Test
    void runCommandWaitsForTheCommandServiceAndReturnsItsExitCode() throws Exception {
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of("util"))) {
            List<String> received = new ArrayList<>();
            Function<String[], Integer> command = args -> {
                received.addAll(Arrays.asList(args));
                return 3;
            };
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(QuiverRuntime.COMMAND_PROPERTY, "cli");
            CompletableFuture<ServiceRegistration<?>> late = CompletableFuture.supplyAsync(() -> {
                sleep(300);
                return runtime.bundleContext().registerService(Function.class.getName(), command, props);
            });
            assertEquals(3, runtime.runCommand("run", "flow.quiver.json"));
            assertEquals(List.of("run", "flow.quiver.json"), received);
            late.get(5, TimeUnit.SECONDS).unregister();
        }
    }

    @Test
    void aMissingCommandServiceNamesTheBundlesThatAreNotActive() throws Exception {
        try (QuiverRuntime runtime = QuiverRuntime.start(home, List.of("util"))) {
            runtime.commandTimeout(Duration.ofMillis(200));
            LaunchException allActive = assertThrows(LaunchException.class, () -> runtime.runCommand("nodes"));
            assertTrue(allActive.getMessage().contains("Every bundle is ACTIVE"), allActive.getMessage());

            runtime.bundleContext().installBundle(home.resolve("bundles/org.apache.felix.scr.jar").toUri().toString());
            LaunchException e = assertThrows(LaunchException.class, () -> runtime.runCommand("nodes"));
            assertTrue(e.getMessage().contains("No command service"), e.getMessage());
            assertTrue(e.getMessage().contains("org.apache.felix.scr 2.2.12 (org.apache.felix.scr.jar) is INSTALLED"),
                    e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
