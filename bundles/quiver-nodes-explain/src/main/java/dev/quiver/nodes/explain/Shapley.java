package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Shapley values of one prediction, in the interventional ("marginal") formulation of Lundberg and
 * Lee (2017): the value of a coalition S of features is
 * {@code v(S) = mean over background rows b of g(x_S, b_{not S})}, where {@code g} is the explained
 * output (a class probability or its log-odds). Then {@code φ_i = Σ_{S ∌ i} |S|!(M−|S|−1)!/M! ·
 * (v(S ∪ {i}) − v(S))}, and efficiency holds: {@code v(∅) + Σ φ_i = v(N) = g(x)}.
 *
 * <p>{@link #exact} enumerates all 2^M coalitions. {@link #kernel} is Kernel SHAP: a weighted linear
 * regression of v(S) on the coalition indicators with the Shapley kernel
 * {@code π(S) = (M−1) / (C(M,|S|)·|S|·(M−|S|))}, solved with the efficiency constraint eliminated
 * exactly; coalition sizes whose every subset fits the budget are enumerated completely (largest
 * kernel weight first, sizes s and M−s paired), the rest sampled, as the reference implementation
 * (the {@code shap} package's {@code KernelExplainer}) does.
 */
final class Shapley {
    private Shapley() {
    }

    /** One explained prediction: base value v(∅), the output g(x) and one φ per feature. */
    record Result(double base, double output, double[] phi, int coalitions) {
    }

    /** Most features {@link #exact} accepts: 2^M coalitions × background rows model calls. */
    static final int MAX_EXACT = 16;

    /** Evaluates v(S) for many coalitions at once, batching model calls. */
    static final class Game {
        private final ModelFunction model;
        private final double[] x;
        private final double[][] background;
        private final ToDoubleFunction<double[]> output;
        private final ExecutionContext context;
        private long evaluations;

        Game(ModelFunction model, double[] x, double[][] background, ToDoubleFunction<double[]> output,
                ExecutionContext context) {
            this.model = model;
            this.x = x;
            this.background = background;
            this.output = output;
            this.context = context;
        }

        /** v(S) for every mask; {@code masks[c][j]} says whether feature j takes the explained row's value. */
        double[] values(List<boolean[]> masks) {
            int b = background.length;
            int m = x.length;
            double[] out = new double[masks.size()];
            int per = Math.max(1, ModelFunction.BLOCK / b);
            for (int from = 0; from < masks.size(); from += per) {
                context.checkCanceled();
                int to = Math.min(masks.size(), from + per);
                double[][] rows = new double[(to - from) * b][];
                for (int c = from; c < to; c++) {
                    boolean[] mask = masks.get(c);
                    for (int r = 0; r < b; r++) {
                        double[] z = background[r].clone();
                        for (int j = 0; j < m; j++) {
                            if (mask[j]) {
                                z[j] = x[j];
                            }
                        }
                        rows[(c - from) * b + r] = z;
                    }
                }
                double[][] pred = model.predict(rows, context);
                evaluations += rows.length;
                for (int c = from; c < to; c++) {
                    double s = 0;
                    for (int r = 0; r < b; r++) {
                        s += output.applyAsDouble(pred[(c - from) * b + r]);
                    }
                    out[c] = s / b;
                }
            }
            return out;
        }

        long evaluations() {
            return evaluations;
        }
    }

    /** Exact Shapley values by enumerating every coalition. */
    static Result exact(Game game, int m) {
        if (m > MAX_EXACT) {
            throw new IllegalArgumentException("Exact Shapley values for " + m + " features are too many coalitions");
        }
        int count = 1 << m;
        var masks = new ArrayList<boolean[]>(count);
        for (int s = 0; s < count; s++) {
            boolean[] mask = new boolean[m];
            for (int j = 0; j < m; j++) {
                mask[j] = (s & (1 << j)) != 0;
            }
            masks.add(mask);
        }
        double[] v = game.values(masks);
        // weight[s] = s!(M−s−1)!/M!, built without factorials overflowing.
        double[] weight = new double[m];
        for (int s = 0; s < m; s++) {
            weight[s] = 1.0 / (m * binomial(m - 1, s));
        }
        double[] phi = new double[m];
        for (int s = 0; s < count; s++) {
            int size = Integer.bitCount(s);
            for (int i = 0; i < m; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += weight[size] * (v[s | (1 << i)] - v[s]);
                }
            }
        }
        return new Result(v[0], v[count - 1], phi, count);
    }

    /**
     * Kernel SHAP with {@code samples} coalitions (besides the empty and the full one). Features whose
     * explained value equals every background row's get φ = 0 without spending coalitions on them.
     */
    static Result kernel(Game game, double[] x, double[][] background, int samples, SplittableRandom random) {
        int mAll = x.length;
        int[] varying = varyingFeatures(x, background);
        int m = varying.length;
        List<boolean[]> ends = List.of(new boolean[mAll], full(mAll));
        double[] ends0 = game.values(ends);
        double base = ends0[0];
        double fx = ends0[1];
        double[] phi = new double[mAll];
        if (m == 0) {
            return new Result(base, fx, phi, 2);
        }
        if (m == 1) {
            phi[varying[0]] = fx - base;
            return new Result(base, fx, phi, 2);
        }
        Coalitions c = coalitions(m, samples, random);
        var masks = new ArrayList<boolean[]>(c.masks.size());
        for (boolean[] small : c.masks) {
            boolean[] mask = new boolean[mAll];
            for (int j = 0; j < m; j++) {
                mask[varying[j]] = small[j];
            }
            masks.add(mask);
        }
        double[] v = game.values(masks);
        double[] w = c.weights.stream().mapToDouble(Double::doubleValue).toArray();
        double[] small = solveConstrained(c.masks, w, v, base, fx, m);
        for (int j = 0; j < m; j++) {
            phi[varying[j]] = small[j];
        }
        return new Result(base, fx, phi, c.masks.size() + 2);
    }

    /**
     * Weighted least squares of {@code v(S) − base} on the indicators, subject to Σφ = fx − base: the last
     * feature's φ is eliminated as {@code (fx − base) − Σ_{j<M} φ_j}, which leaves an unconstrained
     * problem in M − 1 unknowns.
     */
    static double[] solveConstrained(List<boolean[]> masks, double[] w, double[] v, double base, double fx, int m) {
        int n = masks.size();
        int p = m - 1;
        double total = fx - base;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] z = new double[p];
        for (int s = 0; s < n; s++) {
            boolean[] mask = masks.get(s);
            double last = mask[m - 1] ? 1 : 0;
            double y = v[s] - base - last * total;
            for (int j = 0; j < p; j++) {
                z[j] = (mask[j] ? 1 : 0) - last;
            }
            for (int j = 0; j < p; j++) {
                if (z[j] == 0) {
                    continue;
                }
                double wz = w[s] * z[j];
                b[j] += wz * y;
                for (int k = 0; k <= j; k++) {
                    a[j][k] += wz * z[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                a[k][j] = a[j][k];
            }
        }
        double[] sol = Numerics.solve(a, b);
        double[] phi = new double[m];
        double sum = 0;
        for (int j = 0; j < p; j++) {
            phi[j] = sol[j];
            sum += sol[j];
        }
        phi[m - 1] = total - sum;
        return phi;
    }

    /** The coalitions Kernel SHAP evaluates and their kernel weights (summing to 1). */
    record Coalitions(List<boolean[]> masks, List<Double> weights) {
    }

    static Coalitions coalitions(int m, int samples, SplittableRandom random) {
        double maxCoalitions = Math.pow(2, m) - 2;
        int budget = (int) Math.min(samples, maxCoalitions);
        int sizes = (m + 1) / 2; // ceil((M − 1) / 2) subset sizes 1.., each paired with M − s
        int paired = (m - 1) / 2;
        double[] weightOfSize = new double[sizes];
        for (int s = 1; s <= sizes; s++) {
            weightOfSize[s - 1] = (m - 1.0) / (s * (double) (m - s));
            if (s <= paired) {
                weightOfSize[s - 1] *= 2;
            }
        }
        normalise(weightOfSize);
        var masks = new ArrayList<boolean[]>();
        var weights = new ArrayList<Double>();
        double[] remainingWeights = weightOfSize.clone();
        int remaining = budget;
        int fullSizes = 0;
        for (int s = 1; s <= sizes; s++) {
            double subsets = binomial(m, s) * (s <= paired ? 2 : 1);
            if (remaining * remainingWeights[s - 1] / subsets >= 1 - 1e-8) {
                fullSizes++;
                remaining -= (int) subsets;
                if (remainingWeights[s - 1] < 1) {
                    double keep = 1 - remainingWeights[s - 1];
                    for (int k = 0; k < remainingWeights.length; k++) {
                        remainingWeights[k] /= keep;
                    }
                }
                double w = weightOfSize[s - 1] / binomial(m, s);
                if (s <= paired) {
                    w /= 2;
                }
                for (boolean[] mask : combinations(m, s)) {
                    masks.add(mask);
                    weights.add(w);
                    if (s <= paired) {
                        masks.add(complement(mask));
                        weights.add(w);
                    }
                }
            } else {
                break;
            }
        }
        if (fullSizes < sizes && remaining > 0) {
            double[] left = Arrays.copyOfRange(weightOfSize, fullSizes, sizes);
            for (int k = 0; k < left.length; k++) {
                if (k + fullSizes < paired) {
                    left[k] /= 2;
                }
            }
            double weightLeft = 0;
            for (int k = fullSizes; k < sizes; k++) {
                weightLeft += weightOfSize[k];
            }
            normalise(left);
            Map<String, Integer> seen = new HashMap<>();
            int firstRandom = masks.size();
            int[] perm = new int[m];
            int draws = 0;
            while (remaining > 0 && draws < 4 * budget + 16) {
                draws++;
                int s = pick(left, random) + fullSizes + 1;
                Arrays.setAll(perm, i -> i);
                boolean[] mask = new boolean[m];
                for (int i = 0; i < s; i++) {
                    int j = i + random.nextInt(m - i);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    mask[perm[i]] = true;
                }
                remaining -= add(mask, seen, masks, weights);
                if (s <= paired && remaining > 0) {
                    remaining -= add(complement(mask), seen, masks, weights);
                }
            }
            double sum = 0;
            for (int k = firstRandom; k < weights.size(); k++) {
                sum += weights.get(k);
            }
            for (int k = firstRandom; k < weights.size(); k++) {
                weights.set(k, weights.get(k) * weightLeft / sum);
            }
        }
        return new Coalitions(masks, weights);
    }

    /** Adds a sampled mask with weight 1, or adds 1 to its weight when drawn before; returns 1 if new. */
    private static int add(boolean[] mask, Map<String, Integer> seen, List<boolean[]> masks, List<Double> weights) {
        String key = key(mask);
        Integer at = seen.get(key);
        if (at != null) {
            weights.set(at, weights.get(at) + 1);
            return 0;
        }
        seen.put(key, masks.size());
        masks.add(mask);
        weights.add(1.0);
        return 1;
    }

    private static String key(boolean[] mask) {
        char[] c = new char[mask.length];
        for (int i = 0; i < mask.length; i++) {
            c[i] = mask[i] ? '1' : '0';
        }
        return new String(c);
    }

    private static int pick(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        double acc = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            if (u < acc) {
                return k;
            }
        }
        return p.length - 1;
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= s;
        }
    }

    static int[] varyingFeatures(double[] x, double[][] background) {
        var out = new ArrayList<Integer>();
        for (int j = 0; j < x.length; j++) {
            for (double[] b : background) {
                if (b[j] != x[j]) {
                    out.add(j);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean[] full(int m) {
        boolean[] mask = new boolean[m];
        Arrays.fill(mask, true);
        return mask;
    }

    private static boolean[] complement(boolean[] mask) {
        boolean[] c = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            c[i] = !mask[i];
        }
        return c;
    }

    /** Every subset of {0..m−1} of size s, in lexicographic order. */
    static List<boolean[]> combinations(int m, int s) {
        var out = new ArrayList<boolean[]>();
        int[] idx = new int[s];
        for (int i = 0; i < s; i++) {
            idx[i] = i;
        }
        while (true) {
            boolean[] mask = new boolean[m];
            for (int i : idx) {
                mask[i] = true;
            }
            out.add(mask);
            int i = s - 1;
            while (i >= 0 && idx[i] == m - s + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            idx[i]++;
            for (int k = i + 1; k < s; k++) {
                idx[k] = idx[k - 1] + 1;
            }
        }
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return Math.rint(r) == r || r > 1e15 ? r : Math.rint(r);
    }
}
