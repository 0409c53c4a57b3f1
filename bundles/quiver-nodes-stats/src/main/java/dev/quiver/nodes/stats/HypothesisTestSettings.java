package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;

@Description("Which test to run, on which columns, against which alternative.")
public record HypothesisTestSettings(
        @Label("Test")
        @Description("ONE_SAMPLE_T: is the mean of the value column equal to mu? WELCH_T: do two groups have the same "
                + "mean (variances may differ)? PAIRED_T: is the mean of value − second column equal to mu? "
                + "CHI_SQUARE: are two nominal columns independent? ANOVA: do all groups have the same mean? "
                + "KS_NORMAL: is the value column normal (with its fitted mean and sd)? KS_TWO_SAMPLE: do two groups "
                + "share one distribution? MEAN_CI: a confidence interval for the mean.")
        TestKind test,

        @Label("Value column")
        @Description("The values tested; for CHI_SQUARE the first nominal column.")
        @ColumnRef
        String column,

        @Label("Second column")
        @Description("PAIRED_T: the numeric column paired row by row with the value column. CHI_SQUARE: the second "
                + "nominal column. Unused by the other tests.")
        @ColumnRef(optional = true)
        String secondColumn,

        @Label("Group column")
        @Description("WELCH_T, KS_TWO_SAMPLE (exactly two levels) and ANOVA (two or more): the column whose values "
                + "split the rows into groups. Blank means the table's label column.")
        @ColumnRef(optional = true)
        String groupColumn,

        @Label("Hypothesised mean (mu)")
        @Description("The mean under the null hypothesis for ONE_SAMPLE_T, the mean difference for PAIRED_T and "
                + "WELCH_T (first group minus second).")
        @Tunable(false)
        double mu,

        @Label("Alternative")
        @Description("TWO_SIDED: the parameter differs from the null value; LESS / GREATER: it is below / above it. "
                + "Only the t-tests and MEAN_CI are directional; the other tests are two-sided by construction.")
        Alternative alternative,

        @Label("Confidence level")
        @Description("Coverage of the confidence interval reported with the t-tests and MEAN_CI "
                + "(0.95 gives mean ± t(0.975, n − 1)·s/√n).")
        @Range(min = 0.5, max = 0.9999)
        @Tunable(false)
        double confidenceLevel) {

    public enum TestKind { ONE_SAMPLE_T, WELCH_T, PAIRED_T, CHI_SQUARE, ANOVA, KS_NORMAL, KS_TWO_SAMPLE, MEAN_CI }

    public enum Alternative { TWO_SIDED, LESS, GREATER }

    public HypothesisTestSettings {
        column = column == null ? "" : column;
        secondColumn = secondColumn == null ? "" : secondColumn;
        groupColumn = groupColumn == null ? "" : groupColumn;
        boolean directional = test == TestKind.ONE_SAMPLE_T || test == TestKind.WELCH_T || test == TestKind.PAIRED_T
                || test == TestKind.MEAN_CI;
        if (alternative != null && alternative != Alternative.TWO_SIDED && test != null && !directional) {
            throw new InvalidInputException("Alternative " + alternative + " does not apply to " + test
                    + ": its p-value is two-sided by construction. Set 'Alternative' to TWO_SIDED.");
        }
    }

    public static HypothesisTestSettings defaults() {
        return new HypothesisTestSettings(TestKind.ONE_SAMPLE_T, "", "", "", 0.0, Alternative.TWO_SIDED, 0.95);
    }
}
