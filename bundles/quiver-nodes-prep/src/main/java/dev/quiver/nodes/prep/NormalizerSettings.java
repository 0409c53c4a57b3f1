package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Normalizer node. */
public record NormalizerSettings(
        @Description("Z_SCORE: (x − mean) / standard deviation, using the population standard deviation "
                + "(ddof = 0, as scikit-learn's StandardScaler). MIN_MAX: maps each column's [min, max] linearly "
                + "onto [range min, range max], as MinMaxScaler.")
        Method method,

        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Description("The numeric columns to normalize; empty = every numeric column whose role is feature.")
        List<String> columns,

        @Label("Range min")
        @Description("MIN_MAX only: the value each column's minimum maps to.")
        double rangeMin,

        @Label("Range max")
        @Description("MIN_MAX only: the value each column's maximum maps to; must exceed range min.")
        double rangeMax) {

    /** How a column is rescaled. */
    public enum Method {
        /** Subtract the mean, divide by the population standard deviation. */
        Z_SCORE,
        /** Map [min, max] onto [range min, range max]. */
        MIN_MAX
    }

    public NormalizerSettings {
        method = method == null ? Method.Z_SCORE : method;
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (!Double.isFinite(rangeMin) || !Double.isFinite(rangeMax) || !(rangeMin < rangeMax)) {
            throw new InvalidInputException("Range min (" + rangeMin + ") must be less than range max (" + rangeMax
                    + "), and both finite. Change 'Range min' or 'Range max'.");
        }
    }

    public static NormalizerSettings defaults() {
        return new NormalizerSettings(Method.Z_SCORE, List.of(), 0, 1);
    }
}
