package dev.quiver.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path home;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void distribution() throws IOException {
        Path bundles = Files.createDirectories(home.resolve("bundles"));
        Files.copy(Path.of(System.getProperty("quiver.test.bundles"), "org.apache.felix.scr.jar"),
                bundles.resolve("org.apache.felix.scr.jar"));
        Path features = Files.createDirectories(home.resolve("features"));
        Files.writeString(features.resolve("broken.properties"), "autostart=true\nbundles=org.apache.felix.scr\n");
        System.setProperty(Main.HOME_PROPERTY, home.toString());
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.clearProperty(Main.HOME_PROPERTY);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBundleThatDoesNotResolveExitsWith2AndSaysWhy() {
        assertEquals(Main.EXIT_LAUNCH, Main.run(new String[] {"nodes"}));
        assertTrue(stderr().contains("quiver: 1 bundle(s) did not start (features broken)"), stderr());
        assertTrue(stderr().contains(
                "org.apache.felix.scr 2.2.12 (org.apache.felix.scr.jar) in feature 'broken': Unable to resolve"),
                stderr());
    }

    @Test
    void anUnknownFeatureExitsWith2() {
        assertEquals(Main.EXIT_LAUNCH, Main.run(new String[] {"--features", "dl4j", "nodes"}));
        assertTrue(stderr().contains("quiver: Unknown feature 'dl4j' (available: broken)."), stderr());
    }

    @Test
    void aBadLauncherOptionExitsWith2() {
        assertEquals(Main.EXIT_LAUNCH, Main.run(new String[] {"--features"}));
        assertTrue(stderr().startsWith("quiver: --features needs"), stderr());
    }

    @Test
    void aFolderThatIsNotADistributionIsExplained() {
        System.setProperty(Main.HOME_PROPERTY, home.resolve("elsewhere").toString());
        assertEquals(Main.EXIT_LAUNCH, Main.run(new String[] {"nodes"}));
        assertTrue(stderr().contains("is " + home.resolve("elsewhere") + " a Quiver distribution?"), stderr());
    }
}
