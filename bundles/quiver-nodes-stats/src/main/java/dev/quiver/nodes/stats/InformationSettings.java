package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import java.util.List;

@Description("Which information measure to compute, on which columns, in which unit.")
public record InformationSettings(
        @Label("Measure")
        @Description("ENTROPY: H(X) = −Σ p(x) log p(x) of each column. MUTUAL_INFORMATION: I(X; Y) = H(Y) − H(Y | X) "
                + "of each column X with the target Y, ranked (how much knowing X reduces uncertainty about Y). "
                + "KL_DIVERGENCE: D(P ‖ Q) = Σ p log(p / q) from each column's distribution P to the target column's Q.")
        Measure measure,

        @Label("Columns")
        @Description("The columns to measure. Empty means every column except the target (and except ID columns).")
        @ColumnRef(optional = true)
        List<String> columns,

        @Label("Target column")
        @Description("Y for MUTUAL_INFORMATION, the reference distribution Q for KL_DIVERGENCE; unused by ENTROPY. "
                + "Blank means the table's label column.")
        @ColumnRef(optional = true)
        String target,

        @Label("Unit")
        @Description("BITS use log base 2, NATS the natural logarithm (1 nat = 1.4427 bits).")
        Unit unit,

        @Label("Bins for numeric columns")
        @Description("Numeric columns are discretised into this many equal-width bins between their minimum and "
                + "maximum (for KL_DIVERGENCE, over the range of both columns, so P and Q share bins).")
        @Range(min = 2, max = 1000)
        int bins) {

    public enum Measure { ENTROPY, MUTUAL_INFORMATION, KL_DIVERGENCE }

    public enum Unit { BITS, NATS }

    public InformationSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        target = target == null ? "" : target;
    }

    public static InformationSettings defaults() {
        return new InformationSettings(Measure.MUTUAL_INFORMATION, List.of(), "", Unit.BITS, 10);
    }
}
