package dev.quiver.nodes.explain;

import dev.quiver.api.InvalidInputException;
import java.util.Arrays;
import java.util.TreeSet;

/** The values at which partial dependence is evaluated. */
final class Grid {
    private Grid() {
    }

    /** How grid points are placed between the lower and upper percentile. */
    enum Method {
        /** Evenly spaced between the two percentiles, as scikit-learn's {@code partial_dependence}. */
        EQUAL_WIDTH,
        /** At evenly spaced quantiles between the two percentiles: denser where the data are. */
        QUANTILES
    }

    /**
     * The grid of one feature. Fewer distinct values than {@code points}: the distinct values
     * themselves (as scikit-learn). Otherwise {@code points} values between the empirical
     * {@code lower} and {@code upper} quantiles — equally spaced, or at equally spaced probabilities —
     * with quantiles computed as scipy's {@code mstats.mquantiles} (Hyndman–Fan with α = β = 0.4),
     * which is what scikit-learn uses.
     */
    static double[] of(double[] values, int points, double lower, double upper, Method method, String feature) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        var distinct = new TreeSet<Double>();
        for (double v : sorted) {
            distinct.add(v);
        }
        if (distinct.size() < points) {
            return distinct.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double lo = mquantile(sorted, lower);
        double hi = mquantile(sorted, upper);
        if (Math.abs(hi - lo) <= 1e-8 + 1e-5 * Math.abs(hi)) {
            throw new InvalidInputException("The " + lower + " and " + upper + " quantiles of '" + feature
                    + "' are equal (" + lo + "), so there is no range to vary it over. Widen the percentiles.");
        }
        double[] grid = new double[points];
        double step = (hi - lo) / (points - 1);
        double pStep = (upper - lower) / (points - 1);
        for (int i = 0; i < points; i++) {
            grid[i] = method == Method.EQUAL_WIDTH ? i * step + lo : mquantile(sorted, i * pStep + lower);
        }
        if (method == Method.EQUAL_WIDTH) {
            grid[points - 1] = hi; // as numpy.linspace, the end point is exact
            return grid;
        }
        return Arrays.stream(grid).distinct().toArray();
    }

    /** scipy.stats.mstats.mquantiles(x, p) with the default alphap = betap = 0.4; {@code sorted} ascending. */
    static double mquantile(double[] sorted, double p) {
        int n = sorted.length;
        double alpha = 0.4;
        double beta = 0.4;
        double m = alpha + p * (1 - alpha - beta);
        double aleph = n * p + m;
        int k = (int) Math.floor(Math.min(Math.max(aleph, 1), n - 1));
        double gamma = Math.min(Math.max(aleph - k, 0), 1);
        if (n == 1) {
            return sorted[0];
        }
        return (1 - gamma) * sorted[k - 1] + gamma * sorted[k];
    }
}
