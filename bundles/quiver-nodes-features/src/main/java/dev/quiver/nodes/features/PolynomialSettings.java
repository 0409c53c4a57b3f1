package dev.quiver.nodes.features;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Polynomial Features node. */
public record PolynomialSettings(
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Description("The numeric columns to expand; empty = every numeric column whose role is feature.")
        List<String> columns,

        @Range(min = 2, max = 5)
        @Description("The highest total degree of a term: with degree 2, the columns a and b give a, b, a², ab, b².")
        int degree,

        @Label("Interaction terms only")
        @Description("Keep only products of distinct columns (a·b, a·b·c), no powers of one column (a², a²b).")
        boolean interactionOnly,

        @Label("Include bias column")
        @Description("Add the constant column '1' (the degree-0 term) first. Off by default because most learners "
                + "fit their own intercept; scikit-learn's PolynomialFeatures has it on.")
        boolean includeBias,

        @Label("Column limit")
        @Range(min = 1, max = 100000)
        @Tunable(false)
        @Description("The most columns the expansion may produce. With n columns and degree d there are "
                + "C(n + d, d) − 1 terms (without interactions-only or bias): 10 columns at degree 3 give 285, "
                + "50 columns 23,425. Above the limit the node fails before computing anything.")
        int maxColumns) {

    public PolynomialSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static PolynomialSettings defaults() {
        return new PolynomialSettings(List.of(), 2, false, false, 1000);
    }
}
