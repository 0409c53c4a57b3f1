package dev.quiver.nodes.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LIME for tabular data (Ribeiro, Singh and Guestrin 2016), as the reference implementation's
 * {@code LimeTabularExplainer} with continuous features and {@code sample_around_instance=True}:
 * perturbations {@code z = x + σ ⊙ ε}, ε ~ N(0, I), in standardised space around the row (the first
 * sample is the row itself); distance {@code d = ‖(z − μ)/σ − (x − μ)/σ‖}; kernel
 * {@code π = sqrt(exp(−d² / width²))}; the K features chosen by forward selection or by the largest
 * |coefficient × standardised value| of a weighted ridge (α = 0.01); and the explanation is a
 * weighted ridge (α = 1) of the model's output on those standardised features, with its weighted R².
 */
final class Lime {
    private Lime() {
    }

    /** How the K features of an explanation are chosen. */
    enum Selection {
        /** Forward selection up to 6 features, highest weights above (the reference's "auto"). */
        AUTO,
        /** Greedily add the feature that most raises the weighted R² of an unpenalised fit. */
        FORWARD_SELECTION,
        /** Rank by |ridge coefficient × standardised value| of a ridge (α = 0.01) on all features. */
        HIGHEST_WEIGHTS,
        /** Keep every feature. */
        NONE
    }

    /** The perturbations of one row, their kernel weights and standardised coordinates. */
    record Samples(double[][] raw, double[][] scaled, double[] weights) {
    }

    /** One explanation: features (indices, by decreasing |weight|), weights, intercept, fit quality. */
    record Explanation(int[] features, double[] weights, double intercept, double localPrediction, double r2) {
    }

    static Samples sample(double[] x, double[] mean, double[] scale, int n, double width, SplittableRandom random) {
        int m = x.length;
        double[][] raw = new double[n][m];
        double[][] scaled = new double[n][m];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double d2 = 0;
            for (int j = 0; j < m; j++) {
                double eps = i == 0 ? 0 : gaussian(random);
                raw[i][j] = x[j] + eps * scale[j];
                scaled[i][j] = (raw[i][j] - mean[j]) / scale[j];
                double diff = scaled[i][j] - (x[j] - mean[j]) / scale[j];
                d2 += diff * diff;
            }
            w[i] = Math.sqrt(Math.exp(-d2 / (width * width)));
        }
        return new Samples(raw, scaled, w);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: two uniforms, one normal; SplittableRandom has no nextGaussian before Java 17's default.
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static Explanation explain(Samples s, double[] y, int k, Selection selection, double alpha) {
        int m = s.scaled()[0].length;
        int[] used = select(s, y, Math.min(k, m), selection);
        double[][] xs = columns(s.scaled(), used);
        double[] fit = Numerics.weightedRidge(xs, y, s.weights(), alpha);
        double[] pred = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            pred[i] = predict(fit, xs[i]);
        }
        double r2 = Numerics.weightedR2(y, pred, s.weights());
        double[] coef = Arrays.copyOfRange(fit, 1, fit.length);
        Integer[] order = new Integer[used.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(coef[i])));
        int[] features = new int[used.length];
        double[] weights = new double[used.length];
        for (int r = 0; r < used.length; r++) {
            features[r] = used[order[r]];
            weights[r] = coef[order[r]];
        }
        return new Explanation(features, weights, fit[0], pred[0], r2);
    }

    static int[] select(Samples s, double[] y, int k, Selection selection) {
        int m = s.scaled()[0].length;
        Selection how = selection == Selection.AUTO ? (k <= 6 ? Selection.FORWARD_SELECTION : Selection.HIGHEST_WEIGHTS)
                : selection;
        if (how == Selection.NONE || k >= m && how != Selection.FORWARD_SELECTION) {
            int[] all = new int[m];
            Arrays.setAll(all, j -> j);
            return all;
        }
        if (how == Selection.HIGHEST_WEIGHTS) {
            double[] fit = Numerics.weightedRidge(s.scaled(), y, s.weights(), 0.01);
            double[] x0 = s.scaled()[0];
            Integer[] order = new Integer[m];
            Arrays.setAll(order, j -> j);
            Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(fit[j + 1] * x0[j])));
            int[] out = new int[k];
            for (int r = 0; r < k; r++) {
                out[r] = order[r];
            }
            return out;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int step = 0; step < k; step++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                if (chosen.contains(j)) {
                    continue;
                }
                int[] trial = new int[chosen.size() + 1];
                for (int t = 0; t < chosen.size(); t++) {
                    trial[t] = chosen.get(t);
                }
                trial[chosen.size()] = j;
                double[][] xs = columns(s.scaled(), trial);
                double[] fit = Numerics.weightedRidge(xs, y, s.weights(), 0);
                double[] pred = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    pred[i] = predict(fit, xs[i]);
                }
                double score = Numerics.weightedR2(y, pred, s.weights());
                if (score > bestScore) {
                    bestScore = score;
                    best = j;
                }
            }
            chosen.add(best);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    static double predict(double[] fit, double[] x) {
        double p = fit[0];
        for (int j = 0; j < x.length; j++) {
            p += fit[j + 1] * x[j];
        }
        return p;
    }

    static double[][] columns(double[][] x, int[] cols) {
        double[][] out = new double[x.length][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < cols.length; c++) {
                out[i][c] = x[i][cols[c]];
            }
        }
        return out;
    }
}
