package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    enum Kernel { LINEAR, RBF }

    record SvmSettings(@Range(min = 1e-6, max = 1e6, log = true) double cost, @Label("Iterations") @Range(min = 1) int maxIter,
            Kernel kernel, boolean shrinking) {
    }

    private final SvmSettings defaults = new SvmSettings(1.0, 100, Kernel.RBF, true);

    @Test
    void withConvertsValuesLikeJson() {
        SvmSettings s = Settings.with(defaults, Map.of("cost", "0.5", "maxIter", 20.0, "kernel", "linear", "shrinking", "false"));
        assertEquals(new SvmSettings(0.5, 20, Kernel.LINEAR, false), s);
        assertEquals(Map.of("cost", 1.0, "maxIter", 100, "kernel", Kernel.RBF, "shrinking", true), Settings.toMap(defaults));
    }

    @Test
    void rangeViolationsNameTheSettingAndBounds() {
        var e = assertThrows(InvalidInputException.class, () -> Settings.with(defaults, Map.of("cost", 0)));
        assertEquals("Setting 'Cost' is 0, but must be between 0.000001 and 1000000. Change 'Cost'.",
                e.getMessage());
        var e2 = assertThrows(InvalidInputException.class, () -> Settings.with(defaults, Map.of("maxIter", 0)));
        assertEquals("Setting 'Iterations' is 0, but must be at least 1. Change 'Iterations'.", e2.getMessage());
    }

    @Test
    void badValuesAreClearErrors() {
        assertEquals("Setting 'Iterations' must be a whole number, not 2.5",
                assertThrows(InvalidInputException.class, () -> Settings.with(defaults, Map.of("maxIter", 2.5))).getMessage());
        assertEquals("Setting 'Kernel' is 'poly', but must be one of [LINEAR, RBF]",
                assertThrows(InvalidInputException.class, () -> Settings.with(defaults, Map.of("kernel", "poly"))).getMessage());
        assertEquals("Unknown setting 'gamma' (available: cost, maxIter, kernel, shrinking)",
                assertThrows(InvalidInputException.class, () -> Settings.with(defaults, Map.of("gamma", 1))).getMessage());
    }
}
