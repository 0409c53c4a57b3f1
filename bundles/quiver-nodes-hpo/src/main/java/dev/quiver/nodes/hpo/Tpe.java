package dev.quiver.nodes.hpo;

import dev.quiver.nodes.hpo.ParameterRange.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (Bergstra et al., 2011), in its multivariate form: the trials
 * so far are split into the best fraction γ ("good") and the rest ("bad"), each group becomes a
 * kernel density l(x) and g(x) over the unit cube (a product of truncated Gaussians for numbers and
 * of sticky distributions for choices, mixed with the uniform prior), and the next point is the
 * candidate drawn from l with the highest l(x) / g(x) — which is where expected improvement is
 * largest when the score is modelled this way.
 *
 * <p>Failed trials count as bad, so the search steers away from settings that fail. Points that are
 * proposed but not yet scored (a parallel batch) count as bad too, a "constant liar" that keeps one
 * batch from proposing the same point several times.
 */
final class Tpe {
    static final double GAMMA = 0.25;
    static final int CANDIDATES = 24;
    /** Probability that a choice kernel moves away from its centre's choice. */
    static final double CHOICE_EPSILON = 0.2;

    /** One scored point: {@code score} is oriented so that larger is better; NaN = failed. */
    record Observation(double[] u, double score) {
    }

    private final SearchSpace space;
    private final int startup;

    Tpe(SearchSpace space, int startup) {
        this.space = space;
        this.startup = startup;
    }

    /** The number of random points before the model takes over. */
    static int startupTrials(int maxTrials, int dimensions) {
        return Math.max(Math.min(dimensions + 1, maxTrials), Math.min(10, maxTrials / 4));
    }

    /** Proposes {@code count} points given the scored history, drawing from {@code random}. */
    List<double[]> propose(int count, List<Observation> history, SplittableRandom random) {
        var out = new ArrayList<double[]>();
        var pending = new ArrayList<double[]>();
        long scored = history.stream().filter(o -> !Double.isNaN(o.score())).count();
        for (int i = 0; i < count; i++) {
            double[] u = scored < startup ? uniform(random) : next(history, pending, random);
            out.add(u);
            pending.add(u);
        }
        return out;
    }

    double[] uniform(SplittableRandom random) {
        double[] u = new double[space.dimensions()];
        for (int d = 0; d < u.length; d++) {
            u[d] = random.nextDouble();
        }
        return u;
    }

    private double[] next(List<Observation> history, List<double[]> pending, SplittableRandom random) {
        var ok = new ArrayList<>(history.stream().filter(o -> !Double.isNaN(o.score())).toList());
        // Stable: ties keep trial order, so the same history always gives the same split.
        ok.sort(Comparator.comparingDouble((Observation o) -> o.score()).reversed());
        int nGood = Math.max(1, (int) Math.ceil(GAMMA * ok.size()));
        var good = new ArrayList<double[]>();
        var bad = new ArrayList<double[]>();
        for (int i = 0; i < ok.size(); i++) {
            (i < nGood ? good : bad).add(ok.get(i).u());
        }
        history.stream().filter(o -> Double.isNaN(o.score())).forEach(o -> bad.add(o.u()));
        bad.addAll(pending);
        Density l = new Density(good);
        Density g = new Density(bad);
        double[] best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double[] x = l.sample(random);
            double ratio = l.logDensity(x) - g.logDensity(x);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = x;
            }
        }
        return best;
    }

    /**
     * A Parzen window: the uniform prior plus one kernel per point, equally weighted. As in
     * hyperopt, each numeric kernel is as wide as the larger gap to its neighbours (the bounds count
     * as neighbours), clipped to [1 / min(100, n + 1), 1]: wide while few points are known, so the
     * search keeps exploring, and narrowing as they accumulate.
     */
    private final class Density {
        private final List<double[]> points;
        private final double[][] bandwidth;

        Density(List<double[]> points) {
            this.points = points;
            int dims = space.dimensions();
            int n = points.size();
            bandwidth = new double[n][dims];
            double minSigma = 1.0 / Math.min(100, n + 1);
            for (int d = 0; d < dims; d++) {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                final int dim = d;
                java.util.Arrays.sort(order, Comparator.comparingDouble(i -> points.get(i)[dim]));
                for (int r = 0; r < n; r++) {
                    double x = points.get(order[r])[d];
                    double left = r == 0 ? x : x - points.get(order[r - 1])[d];
                    double right = r == n - 1 ? 1 - x : points.get(order[r + 1])[d] - x;
                    bandwidth[order[r]][d] = Math.min(1, Math.max(minSigma, Math.max(left, right)));
                }
            }
        }

        double[] sample(SplittableRandom random) {
            int j = random.nextInt(points.size() + 1);
            if (j == points.size()) {
                return uniform(random);
            }
            double[] centre = points.get(j);
            double[] x = new double[centre.length];
            for (int d = 0; d < x.length; d++) {
                SearchSpace.Parameter p = space.parameters().get(d);
                if (p.kind() == Kind.CHOICE) {
                    int k = p.choices().size();
                    int own = p.choiceIndex(centre[d]);
                    int pick = own;
                    if (k > 1 && random.nextDouble() < CHOICE_EPSILON) {
                        pick = random.nextInt(k - 1);
                        pick = pick >= own ? pick + 1 : pick;
                    }
                    x[d] = p.choiceUnit(pick);
                } else {
                    double v;
                    do {
                        v = centre[d] + bandwidth[j][d] * random.nextGaussian();
                    } while (v < 0 || v > 1);
                    x[d] = v;
                }
            }
            return x;
        }

        double logDensity(double[] x) {
            double prior = 1;
            for (SearchSpace.Parameter p : space.parameters()) {
                if (p.kind() == Kind.CHOICE) {
                    prior /= p.choices().size();
                }
            }
            double sum = prior;
            for (int i = 0; i < points.size(); i++) {
                double[] c = points.get(i);
                double k = 1;
                for (int d = 0; d < x.length; d++) {
                    SearchSpace.Parameter p = space.parameters().get(d);
                    if (p.kind() == Kind.CHOICE) {
                        int n = p.choices().size();
                        k *= n == 1 ? 1 : p.choiceIndex(x[d]) == p.choiceIndex(c[d]) ? 1 - CHOICE_EPSILON
                                : CHOICE_EPSILON / (n - 1);
                    } else {
                        k *= truncatedGaussian(x[d], c[d], bandwidth[i][d]);
                    }
                }
                sum += k;
            }
            return Math.log(sum / (points.size() + 1));
        }
    }

    /** N(x; mu, sigma) renormalised to [0, 1]. */
    static double truncatedGaussian(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        double mass = phi((1 - mu) / sigma) - phi(-mu / sigma);
        return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
    }

    /** The standard normal CDF, by the Abramowitz–Stegun 7.1.26 erf approximation (|error| < 1.5e-7). */
    static double phi(double z) {
        double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-z * z / 2);
        return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
    }
}
