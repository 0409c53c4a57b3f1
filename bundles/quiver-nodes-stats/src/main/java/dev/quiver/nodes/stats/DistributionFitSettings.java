package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;

@Description("Which column to fit and with which distribution family.")
public record DistributionFitSettings(
        @Label("Column")
        @Description("The numeric column whose values are fitted; missing cells are skipped.")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG})
        String column,

        @Label("Distribution")
        @Description("NORMAL (mean, sd), EXPONENTIAL (rate = 1 / mean, values ≥ 0), POISSON (λ = mean, counts 0, 1, 2 …) "
                + "or BINOMIAL (p = mean / trials, counts 0 … trials). Each parameter is the maximum-likelihood estimate.")
        Family distribution,

        @Label("Binomial trials (n)")
        @Description("The number of trials n of the binomial distribution; every value must lie in 0 … n. "
                + "Unused by the other families.")
        @Range(min = 1, max = 1_000_000)
        @Tunable(false)
        int trials) {

    public enum Family { NORMAL, EXPONENTIAL, POISSON, BINOMIAL }

    public DistributionFitSettings {
        column = column == null ? "" : column;
    }

    public static DistributionFitSettings defaults() {
        return new DistributionFitSettings("", Family.NORMAL, 10);
    }
}
