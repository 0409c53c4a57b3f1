package dev.quiver.nodes.features;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Feature Selection node. */
public record FeatureSelectSettings(
        @Description("VARIANCE_THRESHOLD: keep features whose variance exceeds the threshold. CORRELATION_WITH_TARGET: "
                + "the k features with the largest |Pearson r| with the label. CORRELATION_FILTER: of each pair of "
                + "features with |r| above the threshold, drop the later one. MUTUAL_INFORMATION: the k features that "
                + "tell most about a nominal label. MRMR: k features chosen one at a time for high mutual information "
                + "with the label and low mutual information with those already chosen.")
        Method method,

        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Label("Candidate columns")
        @Description("The numeric columns to choose from; empty = every numeric column whose role is feature. "
                + "Other columns (label, IDs, nominal columns) pass through untouched.")
        List<String> columns,

        @ColumnRef(optional = true)
        @Label("Label column")
        @Description("The target for CORRELATION_WITH_TARGET, MUTUAL_INFORMATION and MRMR; empty = the column whose "
                + "role is label.")
        String label,

        @Range(min = 1, max = 100000)
        @Label("Number of features (k)")
        @Description("CORRELATION_WITH_TARGET, MUTUAL_INFORMATION and MRMR: how many features to keep (all, if there "
                + "are fewer candidates).")
        int k,

        @Range(min = 0)
        @Label("Variance threshold")
        @Description("VARIANCE_THRESHOLD: keep features whose population variance (ddof = 0) is strictly greater; "
                + "0 removes constant columns only, as scikit-learn's VarianceThreshold.")
        double varianceThreshold,

        @Range(min = 0, max = 1)
        @Label("Correlation threshold")
        @Description("CORRELATION_FILTER: the |r| above which two features count as redundant.")
        double correlationThreshold,

        @Range(min = 2, max = 100)
        @Description("MUTUAL_INFORMATION and MRMR: numeric features are cut into this many equal-frequency bins "
                + "(quantiles, as the Binning node) before counting. More bins see finer structure but need more "
                + "rows per bin: about 10 rows per bin and class keeps the estimate stable.")
        int bins) {

    /** How features are scored and chosen. */
    public enum Method { VARIANCE_THRESHOLD, CORRELATION_WITH_TARGET, CORRELATION_FILTER, MUTUAL_INFORMATION, MRMR }

    public FeatureSelectSettings {
        method = method == null ? Method.VARIANCE_THRESHOLD : method;
        columns = columns == null ? List.of() : List.copyOf(columns);
        label = label == null ? "" : label.strip();
    }

    boolean needsLabel() {
        return method == Method.CORRELATION_WITH_TARGET || method == Method.MUTUAL_INFORMATION || method == Method.MRMR;
    }

    public static FeatureSelectSettings defaults() {
        return new FeatureSelectSettings(Method.VARIANCE_THRESHOLD, List.of(), "", 10, 0, 0.9, 10);
    }
}
