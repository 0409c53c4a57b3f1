package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import java.util.List;

/** Settings of the Missing Values node. */
public record MissingValuesSettings(
        @Description("What to do with missing cells of numeric (double and long) columns: leave them, drop the row, "
                + "or fill in the column's mean, median, most frequent value (ties: the smallest), or a constant. "
                + "Mean and median turn long columns into double columns.")
        NumericStrategy numericStrategy,

        @Description("NUMERIC CONSTANT only: the number that fills missing numeric cells.")
        double numericConstant,

        @Description("What to do with missing cells of nominal (string) and boolean columns: leave them, drop the "
                + "row, or fill in the most frequent value (ties: the alphabetically smallest; false before true) "
                + "or a constant.")
        NominalStrategy nominalStrategy,

        @Description("CONSTANT only: the text that fills missing nominal cells (added to the column's values if new). "
                + "Boolean columns need true or false here.")
        String nominalConstant,

        @ColumnRef(optional = true)
        @Description("The columns to treat; empty = all columns. The statistics are learned per column on this table.")
        List<String> columns) {

    /** Treatment of missing numeric cells. */
    public enum NumericStrategy { NONE, DROP_ROW, MEAN, MEDIAN, MOST_FREQUENT, CONSTANT }

    /** Treatment of missing nominal and boolean cells. */
    public enum NominalStrategy { NONE, DROP_ROW, MOST_FREQUENT, CONSTANT }

    public MissingValuesSettings {
        numericStrategy = numericStrategy == null ? NumericStrategy.MEAN : numericStrategy;
        nominalStrategy = nominalStrategy == null ? NominalStrategy.MOST_FREQUENT : nominalStrategy;
        nominalConstant = nominalConstant == null ? "missing" : nominalConstant;
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (!Double.isFinite(numericConstant)) {
            throw new InvalidInputException("Numeric constant is " + numericConstant
                    + ", but must be a finite number. Change 'Numeric constant'.");
        }
    }

    public static MissingValuesSettings defaults() {
        return new MissingValuesSettings(NumericStrategy.MEAN, 0, NominalStrategy.MOST_FREQUENT, "missing", List.of());
    }
}
