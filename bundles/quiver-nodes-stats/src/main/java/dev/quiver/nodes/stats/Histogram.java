package dev.quiver.nodes.stats;

import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import java.util.List;

/**
 * Equal-width binning as numpy.histogram does it: {@code bins} half-open bins over [min, max]
 * with the last one closed, and a unit-wide range around a constant column.
 */
final class Histogram {
    final double[] edges;
    final long[] counts;

    private Histogram(double[] edges, long[] counts) {
        this.edges = edges;
        this.counts = counts;
    }

    static Histogram of(double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = edges(lo, hi, bins);
        long[] counts = new long[bins];
        for (double v : values) {
            counts[bin(v, edges)]++;
        }
        return new Histogram(edges, counts);
    }

    static double[] edges(double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            // numpy.linspace: lo + i * step, with the last edge exactly hi
            edges[i] = i == bins ? hi : lo + i * ((hi - lo) / bins);
        }
        return edges;
    }

    /** The bin of {@code v}: the last edge not above it, with the maximum in the last bin. */
    static int bin(double v, double[] edges) {
        int bins = edges.length - 1;
        if (v >= edges[bins]) {
            return bins - 1;
        }
        int i = java.util.Arrays.binarySearch(edges, v);
        int b = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(bins - 1, b));
    }

    ChartSpec chart(String id, String title, String valueTitle) {
        int bins = counts.length;
        double[] start = new double[bins];
        double[] end = new double[bins];
        for (int i = 0; i < bins; i++) {
            start[i] = edges[i];
            end[i] = edges[i + 1];
        }
        Table data = Table.of(Support.dbl("bin_start", start), Support.dbl("bin_end", end),
                LongColumn.wrap(Support.lng("count"), counts.clone(), null));
        return new ChartSpec(id, title, data, List.of(new ChartSpec.Layer(ChartSpec.Mark.BAR, List.of(
                new Channel("x", "bin_start", FieldType.QUANTITATIVE, valueTitle),
                new Channel("x2", "bin_end", FieldType.QUANTITATIVE, valueTitle),
                new Channel("y", "count", FieldType.QUANTITATIVE, "count")))));
    }
}
