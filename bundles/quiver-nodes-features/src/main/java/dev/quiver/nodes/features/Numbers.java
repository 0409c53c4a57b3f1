package dev.quiver.nodes.features;

import dev.quiver.api.table.Column;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/** Small numeric helpers shared by the nodes. */
final class Numbers {
    private Numbers() {
    }

    /** The non-missing values of a column, sorted ascending. */
    static double[] sortedValues(Column c) {
        double[] v = values(c);
        Arrays.sort(v);
        return v;
    }

    /** The non-missing values of a column, in row order. */
    static double[] values(Column c) {
        double[] v = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            double x = c.getDouble(i);
            if (!Double.isNaN(x)) {
                v[n++] = x;
            }
        }
        return Arrays.copyOf(v, n);
    }

    /**
     * The {@code q}-th percentile (0..100) of sorted values with linear interpolation between the two
     * nearest ranks: numpy's default {@code percentile(method='linear')}, which scikit-learn uses, so
     * results agree with it to the last bit or two.
     */
    static double percentile(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double pos = q / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double frac = pos - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        // numpy's _lerp: exact at both ends and monotone, which keeps equal quantiles equal.
        double diff = b - a;
        return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
    }

    /** A number for a label: at most {@code digits} significant digits, no trailing zeros, no exponent for ordinary sizes. */
    static String label(double v, int digits) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e15 ? d.toPlainString() : d.toString();
    }
}
