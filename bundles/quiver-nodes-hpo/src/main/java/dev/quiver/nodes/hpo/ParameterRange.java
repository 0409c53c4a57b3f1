package dev.quiver.nodes.hpo;

import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.util.List;

/**
 * One searched setting of the learner, as the user wrote it. Blank parts take the defaults drawn
 * from the learner's settings schema: kind null = from the setting's type and scale, min = max = 0
 * = default bounds, no choices = every choice, grid points 0 = 5.
 */
@Description("One setting of the learner to search, with its range or its choices.")
public record ParameterRange(
        @Label("Setting")
        @Description("The learner's setting, by its name in the workflow file (`learningRate`, `maxDepth`).")
        String name,
        @Label("Kind")
        @Description("LINEAR: a real number spread evenly; LOG: a positive real spread evenly in log(x) (C, γ,"
                + " learning rates); INT and INT_LOG: whole numbers likewise; CHOICE: one of the listed values."
                + " Blank = from the setting.")
        Kind kind,
        @Label("Minimum")
        @Description("Lower bound (inclusive). Minimum = maximum = 0 = a default range around the learner's value,"
                + " within the setting's bounds.")
        @Tunable(false)
        double min,
        @Label("Maximum")
        @Description("Upper bound (inclusive).")
        @Tunable(false)
        double max,
        @Label("Choices")
        @Description("For CHOICE: the values to try (enum names, true/false). Empty = all.")
        List<String> choices,
        @Label("Grid points")
        @Description("How many evenly spaced values the GRID strategy tries (whole numbers are not repeated)."
                + " 0 = 5.")
        @Range(min = 0, max = 1000)
        @Tunable(false)
        int gridPoints) {

    /** How a setting's values are spread. */
    public enum Kind {
        @Description("Real numbers, evenly spaced between min and max.")
        LINEAR,
        @Description("Positive reals, evenly spaced in log(x).")
        LOG,
        @Description("Whole numbers, evenly spaced.")
        INT,
        @Description("Positive whole numbers, evenly spaced in log(x).")
        INT_LOG,
        @Description("One of a list of values.")
        CHOICE;

        boolean numeric() {
            return this != CHOICE;
        }

        boolean integer() {
            return this == INT || this == INT_LOG;
        }

        boolean log() {
            return this == LOG || this == INT_LOG;
        }
    }

    public ParameterRange {
        name = name == null ? "" : name.trim();
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** Only the name: kind, range and choices come from the learner's schema. */
    public static ParameterRange named(String name) {
        return new ParameterRange(name, null, 0, 0, List.of(), 0);
    }

    public static ParameterRange of(String name, Kind kind, double min, double max) {
        return new ParameterRange(name, kind, min, max, List.of(), 0);
    }

    public ParameterRange withGridPoints(int points) {
        return new ParameterRange(name, kind, min, max, choices, points);
    }

    boolean hasBounds() {
        return min != 0 || max != 0;
    }
}
