package dev.quiver.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    @Test
    void passesCommandArgumentsThroughInOrder() {
        LauncherOptions options = LauncherOptions.parse("run", "flow.quiver.json", "--seed", "7");
        assertEquals(List.of(), options.features());
        assertFalse(options.debug());
        assertEquals(List.of("run", "flow.quiver.json", "--seed", "7"), options.commandArgs());
    }

    @Test
    void takesLauncherOptionsAnywhere() {
        LauncherOptions options = LauncherOptions.parse("--features", "core,stats", "nodes", "--quiver-debug");
        assertEquals(List.of("core", "stats"), options.features());
        assertTrue(options.debug());
        assertEquals(List.of("nodes"), options.commandArgs());
    }

    @Test
    void acceptsTheEqualsFormAndRepeats() {
        LauncherOptions options = LauncherOptions.parse("--features=core", "--features", " pca ,", "nodes");
        assertEquals(List.of("core", "pca"), options.features());
    }

    @Test
    void leavesEverythingAfterDoubleDashAlone() {
        LauncherOptions options = LauncherOptions.parse("run", "--", "--quiver-debug", "--features", "x");
        assertFalse(options.debug());
        assertEquals(List.of("run", "--", "--quiver-debug", "--features", "x"), options.commandArgs());
    }

    @Test
    void featuresNeedsAValue() {
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherOptions.parse("--features"));
        assertTrue(e.getMessage().contains("comma-separated list"), e.getMessage());
        assertThrows(LaunchException.class, () -> LauncherOptions.parse("--features", "--quiver-debug"));
        assertThrows(LaunchException.class, () -> LauncherOptions.parse("--features=,"));
    }
}
