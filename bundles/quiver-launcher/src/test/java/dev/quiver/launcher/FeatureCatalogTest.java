package dev.quiver.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {
    @TempDir
    Path home;

    @BeforeEach
    void bundles() throws IOException {
        Files.createDirectories(home.resolve("bundles"));
        Files.createDirectories(home.resolve("features"));
        for (String id : List.of("a", "b", "c", "d")) {
            Files.writeString(home.resolve("bundles/" + id + ".jar"), "not really a jar");
        }
    }

    private void feature(String name, String content) throws IOException {
        Files.writeString(home.resolve("features/" + name + ".properties"), content);
    }

    @Test
    void readsEveryKey() throws IOException {
        feature("core", "# the basics\ndescription=Core nodes\nautostart=true\nbundles=a, b ,c\n");
        FeatureDescriptor core = FeatureCatalog.load(home).get("core");
        assertEquals("Core nodes", core.description());
        assertTrue(core.autostart());
        assertEquals(List.of(), core.requires());
        assertEquals(List.of(home.resolve("bundles/a.jar"), home.resolve("bundles/b.jar"),
                home.resolve("bundles/c.jar")), core.bundleJars());
    }

    @Test
    void autostartDefaultsToFalse() throws IOException {
        feature("extra", "bundles=a\n");
        assertFalse(FeatureCatalog.load(home).get("extra").autostart());
    }

    @Test
    void missingBundleJarIsNamed() throws IOException {
        feature("stats", "autostart=true\nbundles=a,hipparchus-stat\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home));
        assertTrue(e.getMessage().contains("Feature 'stats' names bundle 'hipparchus-stat'"), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve("bundles/hipparchus-stat.jar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -q package -DskipTests"), e.getMessage());
    }

    @Test
    void misspelledKeyIsRejected() throws IOException {
        feature("core", "autostart=true\nbundle=a\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home));
        assertTrue(e.getMessage().contains("unknown key(s) [bundle]"), e.getMessage());
    }

    @Test
    void autostartMustBeABoolean() throws IOException {
        feature("core", "autostart=yes\nbundles=a\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home));
        assertTrue(e.getMessage().contains("autostart is 'yes', but must be true or false"), e.getMessage());
    }

    @Test
    void emptyBundleListIsRejected() throws IOException {
        feature("core", "autostart=true\nbundles=\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home));
        assertTrue(e.getMessage().contains("names no bundles"), e.getMessage());
    }

    @Test
    void missingFeatureFolderExplainsQuiverHome() {
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home.resolve("nowhere")));
        assertTrue(e.getMessage().contains("quiver.home"), e.getMessage());
    }

    @Test
    void unknownRequiredFeatureIsNamed() throws IOException {
        feature("stats", "bundles=a\nrequires=core\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home));
        assertTrue(e.getMessage().contains("requires feature 'core', which does not exist"), e.getMessage());
    }

    @Test
    void emptySelectionMeansEveryAutostartFeature() throws IOException {
        feature("core", "autostart=true\nbundles=a\n");
        feature("stats", "autostart=true\nrequires=core\nbundles=b\n");
        feature("dl4j", "autostart=false\nrequires=core\nbundles=c\n");
        assertEquals(List.of("core", "stats"), names(FeatureCatalog.load(home).select(List.of())));
    }

    @Test
    void selectionAddsRequiredFeaturesFirstAndOnce() throws IOException {
        feature("core", "autostart=true\nbundles=a\n");
        feature("stats", "requires=core\nbundles=b\n");
        feature("pca", "requires=core,stats\nbundles=c\n");
        FeatureCatalog catalog = FeatureCatalog.load(home);
        assertEquals(List.of("core", "stats", "pca"), names(catalog.select(List.of("pca", "stats", "core"))));
        assertEquals(List.of("core", "stats"), names(catalog.select(List.of("stats"))));
    }

    @Test
    void unknownFeatureListsTheAvailableOnes() throws IOException {
        feature("core", "autostart=true\nbundles=a\n");
        feature("stats", "bundles=b\n");
        LaunchException e = assertThrows(LaunchException.class,
                () -> FeatureCatalog.load(home).select(List.of("tribou")));
        assertEquals("Unknown feature 'tribou' (available: core, stats).", e.getMessage());
    }

    @Test
    void noAutostartFeatureAsksForAChoice() throws IOException {
        feature("core", "bundles=a\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home).select(List.of()));
        assertTrue(e.getMessage().contains("--features"), e.getMessage());
    }

    @Test
    void cyclesAreReported() throws IOException {
        feature("x", "requires=y\nbundles=a\n");
        feature("y", "requires=x\nbundles=b\n");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureCatalog.load(home).select(List.of("x")));
        assertTrue(e.getMessage().contains("x -> y -> x"), e.getMessage());
    }

    private static List<String> names(List<FeatureDescriptor> features) {
        return features.stream().map(FeatureDescriptor::name).toList();
    }
}
