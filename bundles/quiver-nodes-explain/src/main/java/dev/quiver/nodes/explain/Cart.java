package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A small CART classifier (Breiman et al. 1984): binary splits {@code x_j ≤ t} chosen to minimise the
 * size-weighted Gini impurity of the children, thresholds halfway between neighbouring distinct
 * values, grown depth-first to a maximum depth with a minimum leaf size, as scikit-learn's
 * {@code DecisionTreeClassifier} (ties between features go to the first feature). Hand-written
 * because the surrogate needs only this, and embedding Tribuo (tens of megabytes) in the bundle for
 * it would be out of all proportion.
 */
final class Cart {
    private Cart() {
    }

    /** A node: a leaf when {@code feature < 0}. {@code counts} are the training rows per class. */
    record Node(int feature, double threshold, Node left, Node right, int[] counts, int depth) {
        boolean leaf() {
            return feature < 0;
        }

        int size() {
            return Arrays.stream(counts).sum();
        }

        int prediction() {
            return ModelFunction.argmax(Arrays.stream(counts).asDoubleStream().toArray());
        }
    }

    static Node fit(double[][] x, int[] y, int classes, int maxDepth, int minLeaf, ExecutionContext context) {
        int[] rows = new int[y.length];
        Arrays.setAll(rows, i -> i);
        return grow(x, y, classes, rows, 0, maxDepth, minLeaf, context);
    }

    private static Node grow(double[][] x, int[] y, int k, int[] rows, int depth, int maxDepth, int minLeaf,
            ExecutionContext context) {
        context.checkCanceled();
        int[] counts = new int[k];
        for (int r : rows) {
            counts[y[r]]++;
        }
        boolean pure = Arrays.stream(counts).filter(c -> c > 0).count() <= 1;
        if (pure || depth >= maxDepth || rows.length < 2 * minLeaf) {
            return new Node(-1, Double.NaN, null, null, counts, depth);
        }
        int m = x[0].length;
        int bestFeature = -1;
        double bestThreshold = Double.NaN;
        double bestImpurity = Double.POSITIVE_INFINITY;
        Integer[] order = new Integer[rows.length];
        for (int j = 0; j < m; j++) {
            final int f = j;
            for (int i = 0; i < rows.length; i++) {
                order[i] = rows[i];
            }
            Arrays.sort(order, Comparator.comparingDouble(r -> x[r][f]));
            int[] left = new int[k];
            int n = rows.length;
            for (int i = 0; i < n - 1; i++) {
                left[y[order[i]]]++;
                double v = x[order[i]][f];
                double next = x[order[i + 1]][f];
                int nl = i + 1;
                if (v == next || nl < minLeaf || n - nl < minLeaf) {
                    continue;
                }
                double impurity = nl * gini(left, nl) + (n - nl) * giniRest(counts, left, n - nl);
                if (impurity < bestImpurity - 1e-12) {
                    bestImpurity = impurity;
                    bestFeature = f;
                    double t = (v + next) / 2;
                    bestThreshold = t == next ? v : t;
                }
            }
        }
        if (bestFeature < 0) {
            return new Node(-1, Double.NaN, null, null, counts, depth);
        }
        final int f = bestFeature;
        final double t = bestThreshold;
        int[] l = Arrays.stream(rows).filter(r -> x[r][f] <= t).toArray();
        int[] r = Arrays.stream(rows).filter(i -> x[i][f] > t).toArray();
        return new Node(f, t, grow(x, y, k, l, depth + 1, maxDepth, minLeaf, context),
                grow(x, y, k, r, depth + 1, maxDepth, minLeaf, context), counts, depth);
    }

    private static double gini(int[] counts, int n) {
        double s = 1;
        for (int c : counts) {
            double p = (double) c / n;
            s -= p * p;
        }
        return s;
    }

    private static double giniRest(int[] total, int[] left, int n) {
        double s = 1;
        for (int c = 0; c < total.length; c++) {
            double p = (double) (total[c] - left[c]) / n;
            s -= p * p;
        }
        return s;
    }

    static int predict(Node node, double[] x) {
        while (!node.leaf()) {
            node = x[node.feature()] <= node.threshold() ? node.left() : node.right();
        }
        return node.prediction();
    }

    static int depth(Node node) {
        return node.leaf() ? node.depth() : Math.max(depth(node.left()), depth(node.right()));
    }
}
