package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Settings of the Binning node. */
public record BinningSettings(
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        @Description("The numeric columns to bin; empty = every numeric column whose role is feature.")
        List<String> columns,

        @Description("EQUAL_WIDTH: bins of equal width between the column's minimum and maximum. EQUAL_FREQUENCY: "
                + "edges at the quantiles, so each bin holds about as many rows (scikit-learn's KBinsDiscretizer "
                + "strategy 'quantile'). CUSTOM: the edges you list, the same for every column.")
        Method method,

        @Range(min = 2, max = 1000)
        @Description("EQUAL_WIDTH and EQUAL_FREQUENCY: the number of bins. Equal-frequency bins narrower than 1e-8 "
                + "(many equal values) are merged, with a warning, so a column may get fewer.")
        int bins,

        @Label("Custom edges")
        @Description("CUSTOM only: the bin edges as numbers in increasing order, at least two (for example 0, 18, 65, "
                + "inf). Bins include their lower edge; the last also includes its upper edge. Values outside the "
                + "first and last edge become missing; use -inf and inf to catch everything.")
        List<String> edges,

        @Description("LABEL: a nominal column of intervals such as [0.5, 1.2). INDEX: the bin number 0, 1, 2, … as "
                + "a whole number.")
        Output output) {

    /** How the edges are chosen. */
    public enum Method { EQUAL_WIDTH, EQUAL_FREQUENCY, CUSTOM }

    /** What a binned cell holds. */
    public enum Output { LABEL, INDEX }

    public BinningSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        method = method == null ? Method.EQUAL_WIDTH : method;
        edges = edges == null ? List.of() : List.copyOf(edges);
        output = output == null ? Output.LABEL : output;
        double[] parsed = parseEdges(edges);
        if (method == Method.CUSTOM && parsed.length < 2) {
            throw new InvalidInputException("Custom edges has " + parsed.length + " value(s), but CUSTOM binning needs at "
                    + "least two edges in increasing order (for example 0, 10, 20). Set 'Custom edges'.");
        }
    }

    /** The edges as numbers; fails naming an entry that is not a number or breaks the increasing order. */
    static double[] parseEdges(List<String> edges) {
        var out = new ArrayList<Double>();
        for (String raw : edges) {
            String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            double v;
            switch (s) {
                case "inf", "+inf", "infinity", "+infinity" -> v = Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> v = Double.NEGATIVE_INFINITY;
                default -> {
                    try {
                        v = Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("Custom edges: '" + raw + "' is not a number. Write numbers such "
                                + "as 0.5 or 1e3, or -inf / inf.");
                    }
                    if (Double.isNaN(v)) {
                        throw new InvalidInputException("Custom edges: NaN is not an edge. Write numbers, or -inf / inf.");
                    }
                }
            }
            if (!out.isEmpty() && !(v > out.get(out.size() - 1))) {
                throw new InvalidInputException("Custom edges must increase strictly, but '" + raw + "' follows '"
                        + edges.get(out.size() - 1).trim() + "'. Sort the edges and remove duplicates.");
            }
            out.add(v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static BinningSettings defaults() {
        return new BinningSettings(List.of(), Method.EQUAL_WIDTH, 5, List.of(), Output.LABEL);
    }
}
