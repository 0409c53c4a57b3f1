package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.stats.HypothesisTestSettings.Alternative;
import dev.quiver.nodes.stats.HypothesisTestSettings.TestKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.hipparchus.stat.inference.OneWayAnova;
import org.osgi.service.component.annotations.Component;

/** The classical tests of one family each, selected by a setting, reported as one uniform row. */
@Component(service = NodeFactory.class)
public final class HypothesisTestNodeFactory implements NodeFactory<HypothesisTestSettings> {

    /** Below this n·m the two-sample KS p-value is exact (as SciPy's default); above, asymptotic. */
    private static final long KS_EXACT_LIMIT = 10_000;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.stats.hypothesis-test", 1,
            "Hypothesis Test", "Statistics",
            """
            Runs one classical test and reports its statistic, degrees of freedom and p-value: the probability, \
            if the null hypothesis were true, of a statistic at least as extreme as the one observed. \
            t-tests: t = (estimate − mu) / standard error, Student t with n − 1 degrees of freedom (Welch: \
            se = √(s₁²/n₁ + s₂²/n₂) and Welch–Satterthwaite df). Chi-square test of independence: \
            Σ (observed − expected)² / expected over the contingency table, (r − 1)(c − 1) df, without Yates' \
            correction. One-way ANOVA: F = between-group over within-group mean square, (k − 1, N − k) df. \
            Kolmogorov–Smirnov: the largest distance between empirical CDFs (or to the normal CDF with the \
            fitted mean and MLE sd — since the parameters are estimated from the same data, that p-value is \
            conservative); two-sample p-values are exact when n₁·n₂ < 10 000, else asymptotic. \
            Rows with a missing cell in a used column are skipped, with a warning.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("result", "One row: test, null hypothesis, alternative, n, statistic, df, df2, "
                    + "p_value, estimate, std_error, ci_lower, ci_upper, confidence_level.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<HypothesisTestSettings> settingsType() {
        return HypothesisTestSettings.class;
    }

    @Override
    public HypothesisTestSettings defaultSettings() {
        return HypothesisTestSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, HypothesisTestSettings s, ConfigureContext context) {
        check(inputs.get("table", TableSpec.class), s);
        return List.of(outputSpec());
    }

    static TableSpec outputSpec() {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(Support.str("test"));
        cols.add(Support.str("null_hypothesis"));
        cols.add(Support.str("alternative"));
        cols.add(Support.lng("n"));
        for (String d : List.of("statistic", "df", "df2", "p_value", "estimate", "std_error", "ci_lower", "ci_upper",
                "confidence_level")) {
            cols.add(Support.dbl(d));
        }
        return new TableSpec(cols);
    }

    /** Validates column choices against the spec; returns the resolved group column name (or ""). */
    private static String check(TableSpec spec, HypothesisTestSettings s) {
        switch (s.test()) {
            case ONE_SAMPLE_T, KS_NORMAL, MEAN_CI -> spec.requireNumeric(s.column(), "Value column");
            case PAIRED_T -> {
                spec.requireNumeric(s.column(), "Value column");
                spec.requireNumeric(s.secondColumn(), "Second column");
                if (s.column().equals(s.secondColumn())) {
                    throw new InvalidInputException("The paired t-test needs two different columns, but both are '"
                            + s.column() + "'. Choose another second column.");
                }
            }
            case CHI_SQUARE -> {
                for (String[] c : new String[][] {{s.column(), "Value column"}, {s.secondColumn(), "Second column"}}) {
                    ColumnSpec cs = spec.require(c[0], c[1]);
                    if (!cs.isNominal()) {
                        throw new InvalidInputException(c[1] + " '" + c[0] + "' is a " + cs.type().label()
                                + " column, but the chi-square test of independence needs two nominal (string) columns. "
                                + "Bin or convert it first.");
                    }
                }
                if (s.column().equals(s.secondColumn())) {
                    throw new InvalidInputException("The chi-square test needs two different columns, but both are '"
                            + s.column() + "'. Choose another second column.");
                }
            }
            case WELCH_T, ANOVA, KS_TWO_SAMPLE -> {
                spec.requireNumeric(s.column(), "Value column");
                String g = Groups.groupColumn(spec, s.groupColumn(), "Group column").name();
                if (g.equals(s.column())) {
                    throw new InvalidInputException("The group column and the value column are both '" + g
                            + "'. Choose a group column that splits the rows, such as the class.");
                }
                return g;
            }
            default -> throw new IllegalStateException(s.test().toString());
        }
        return "";
    }

    /** One result row; NaN where a field does not apply to the test. */
    private record Result(String test, String nullHypothesis, long n, double statistic, double df, double df2,
            double pValue, double estimate, double stdError, double ciLower, double ciUpper) {
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, HypothesisTestSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        String group = check(table.spec(), s);
        Result r = switch (s.test()) {
            case ONE_SAMPLE_T, MEAN_CI -> oneSample(table, s, context);
            case PAIRED_T -> paired(table, s, context);
            case WELCH_T -> welch(table, s, group, context);
            case CHI_SQUARE -> chiSquare(table, s, context);
            case ANOVA -> anova(table, s, group, context);
            case KS_NORMAL -> ksNormal(table, s, context);
            case KS_TWO_SAMPLE -> ksTwoSample(table, s, group, context);
        };
        boolean hasCi = !Double.isNaN(r.stdError());
        Table out = Table.of(List.of(
                Support.str("test", List.of(r.test())),
                Support.str("null_hypothesis", List.of(r.nullHypothesis())),
                Support.str("alternative", List.of(s.alternative().name().toLowerCase().replace('_', '-'))),
                Support.lng("n", new long[] {r.n()}),
                Support.dbl("statistic", new double[] {r.statistic()}),
                Support.dbl("df", new double[] {r.df()}),
                Support.dbl("df2", new double[] {r.df2()}),
                Support.dbl("p_value", new double[] {r.pValue()}),
                Support.dbl("estimate", new double[] {r.estimate()}),
                Support.dbl("std_error", new double[] {r.stdError()}),
                Support.dbl("ci_lower", new double[] {r.ciLower()}),
                Support.dbl("ci_upper", new double[] {r.ciUpper()}),
                Support.dbl("confidence_level", new double[] {hasCi ? s.confidenceLevel() : Double.NaN})));
        context.progress(1.0, r.test() + ": p = " + Support.fmt(r.pValue()));
        return NodeResult.of(out);
    }

    private static double[] values(Table table, String column, ExecutionContext context) {
        Column c = table.column(column);
        double[] v = Support.present(c);
        warnSkipped(c.size() - v.length, context);
        return v;
    }

    private static void warnSkipped(int skipped, ExecutionContext context) {
        if (skipped > 0) {
            context.warn(skipped + " row" + (skipped == 1 ? "" : "s") + " with a missing cell skipped.");
        }
    }

    private static DescriptiveStatistics describe(double[] v, String what, String test) {
        if (v.length < 2) {
            throw new InvalidInputException(what + " has " + v.length + " value" + (v.length == 1 ? "" : "s")
                    + ", but " + test + " needs at least 2. Collect more rows.");
        }
        return new DescriptiveStatistics(v);
    }

    private static Result oneSample(Table table, HypothesisTestSettings s, ExecutionContext context) {
        double[] v = values(table, s.column(), context);
        boolean ci = s.test() == TestKind.MEAN_CI;
        String name = ci ? "Confidence interval for the mean" : "One-sample t-test";
        DescriptiveStatistics d = describe(v, "Column '" + s.column() + "'", name);
        return tResult(name, "mean(" + s.column() + ") = " + Support.fmt(s.mu()), v.length, d.getMean(),
                d.getStandardDeviation() / Math.sqrt(v.length), v.length - 1.0, s, "'" + s.column() + "'", !ci);
    }

    private static Result paired(Table table, HypothesisTestSettings s, ExecutionContext context) {
        Column a = table.column(s.column());
        Column b = table.column(s.secondColumn());
        double[] diff = new double[a.size()];
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getDouble(i);
            double y = b.getDouble(i);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                diff[n++] = x - y;
            }
        }
        warnSkipped(a.size() - n, context);
        diff = Arrays.copyOf(diff, n);
        DescriptiveStatistics d = describe(diff, "The pair (" + s.column() + ", " + s.secondColumn() + ")",
                "the paired t-test");
        String what = "mean(" + s.column() + " − " + s.secondColumn() + ")";
        return tResult("Paired t-test", what + " = " + Support.fmt(s.mu()), n, d.getMean(),
                d.getStandardDeviation() / Math.sqrt(n), n - 1.0, s, "The difference " + s.column() + " − "
                        + s.secondColumn(), true);
    }

    private static Result welch(Table table, HypothesisTestSettings s, String group, ExecutionContext context) {
        Groups g = Groups.of(table.column(s.column()), table.column(group));
        g.requireLevels(2, 2, group, "the Welch t-test", "Filter the rows to two groups, or use ANOVA.");
        g.requireSize(2, "the Welch t-test");
        warnSkipped(g.skipped, context);
        DescriptiveStatistics a = new DescriptiveStatistics(g.values.get(0));
        DescriptiveStatistics b = new DescriptiveStatistics(g.values.get(1));
        double va = a.getVariance() / a.getN();
        double vb = b.getVariance() / b.getN();
        // Welch–Satterthwaite: the df of the t distribution that best matches the unequal-variance statistic
        double df = (va + vb) * (va + vb) / (va * va / (a.getN() - 1) + vb * vb / (b.getN() - 1));
        String what = "mean(" + g.levels.get(0) + ") − mean(" + g.levels.get(1) + ")";
        return tResult("Welch two-sample t-test", what + " = " + Support.fmt(s.mu()), g.total(),
                a.getMean() - b.getMean(), Math.sqrt(va + vb), df, s,
                "Both groups of '" + s.column() + "'", true);
    }

    private static Result tResult(String name, String nullHypothesis, long n, double estimate, double se, double df,
            HypothesisTestSettings s, String subject, boolean test) {
        if (se == 0 && test) {
            throw new InvalidInputException(subject + " has zero variance (every value is the same), so t = "
                    + "(estimate − mu) / 0 is undefined. A t-test needs values that vary.");
        }
        var t = new TDistribution(df);
        double stat = Double.NaN;
        double p = Double.NaN;
        if (test) {
            stat = (estimate - s.mu()) / se;
            p = switch (s.alternative()) {
                case TWO_SIDED -> Math.min(1.0, 2 * t.cumulativeProbability(-Math.abs(stat)));
                case LESS -> t.cumulativeProbability(stat);
                // the upper tail by symmetry, which keeps tiny p-values accurate
                case GREATER -> t.cumulativeProbability(-stat);
            };
        }
        double level = s.confidenceLevel();
        double lo;
        double hi;
        if (s.alternative() == Alternative.TWO_SIDED) {
            double q = t.inverseCumulativeProbability(0.5 + level / 2);
            lo = estimate - q * se;
            hi = estimate + q * se;
        } else {
            double q = t.inverseCumulativeProbability(level);
            lo = s.alternative() == Alternative.LESS ? Double.NEGATIVE_INFINITY : estimate - q * se;
            hi = s.alternative() == Alternative.LESS ? estimate + q * se : Double.POSITIVE_INFINITY;
        }
        return new Result(name, nullHypothesis, n, stat, df, Double.NaN, p, estimate, se, lo, hi);
    }

    private static Result chiSquare(Table table, HypothesisTestSettings s, ExecutionContext context) {
        StringColumn a = table.stringColumn(s.column());
        StringColumn b = table.stringColumn(s.secondColumn());
        long[][] counts = new long[a.domain().size()][b.domain().size()];
        int skipped = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.isMissing(i) || b.isMissing(i)) {
                skipped++;
            } else {
                counts[a.code(i)][b.code(i)]++;
            }
        }
        warnSkipped(skipped, context);
        // Levels in the domain but absent from these rows would give expected counts of 0 (0/0).
        long[][] observed = dropEmpty(counts);
        int r = observed.length;
        int c = r == 0 ? 0 : observed[0].length;
        if (r < 2 || c < 2) {
            throw new InvalidInputException("The chi-square test needs at least 2 observed values in each column, but '"
                    + s.column() + "' has " + r + " and '" + s.secondColumn() + "' has " + c
                    + " in the rows with both cells present. Choose columns that vary.");
        }
        long n = 0;
        long[] rowSum = new long[r];
        long[] colSum = new long[c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                n += observed[i][j];
                rowSum[i] += observed[i][j];
                colSum[j] += observed[i][j];
            }
        }
        int small = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if ((double) rowSum[i] * colSum[j] / n < 5) {
                    small++;
                }
            }
        }
        if (small > 0) {
            context.warn(small + " of " + (r * c) + " cells have an expected count below 5; the chi-square "
                    + "approximation may be poor. Merge rare levels or collect more rows.");
        }
        double chi2 = new ChiSquareTest().chiSquare(observed);
        double df = (r - 1.0) * (c - 1.0);
        return new Result("Chi-square test of independence", s.column() + " and " + s.secondColumn()
                + " are independent", n, chi2, df, Double.NaN, chiSquareUpperTail(chi2, df), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    private static long[][] dropEmpty(long[][] counts) {
        var rows = new ArrayList<long[]>();
        for (long[] row : counts) {
            if (Arrays.stream(row).sum() > 0) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return new long[0][0];
        }
        var keep = new ArrayList<Integer>();
        for (int j = 0; j < rows.get(0).length; j++) {
            long sum = 0;
            for (long[] row : rows) {
                sum += row[j];
            }
            if (sum > 0) {
                keep.add(j);
            }
        }
        long[][] out = new long[rows.size()][keep.size()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < keep.size(); j++) {
                out[i][j] = rows.get(i)[keep.get(j)];
            }
        }
        return out;
    }

    private static Result anova(Table table, HypothesisTestSettings s, String group, ExecutionContext context) {
        Groups g = Groups.of(table.column(s.column()), table.column(group));
        g.requireLevels(2, Integer.MAX_VALUE, group, "one-way ANOVA", "Choose a group column with several values.");
        g.requireSize(1, "one-way ANOVA");
        warnSkipped(g.skipped, context);
        int n = g.total();
        int k = g.levels.size();
        if (n <= k) {
            throw new InvalidInputException("One-way ANOVA needs more rows than groups to estimate the within-group "
                    + "variance, but there are " + n + " rows in " + k + " groups. Collect more rows.");
        }
        boolean flat = g.values.stream().allMatch(v -> Arrays.stream(v).allMatch(x -> x == v[0]));
        if (flat) {
            throw new InvalidInputException("Every group of '" + s.column() + "' is constant (zero within-group "
                    + "variance), so F is undefined. ANOVA needs values that vary within groups.");
        }
        double f = new OneWayAnova().anovaFValue(g.values);
        return new Result("One-way ANOVA", "mean(" + s.column() + ") is equal in all " + k + " groups of " + group, n,
                f, k - 1.0, n - (double) k, fUpperTail(f, k - 1.0, n - (double) k), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    private static Result ksNormal(Table table, HypothesisTestSettings s, ExecutionContext context) {
        double[] v = values(table, s.column(), context);
        DescriptiveStatistics d = describe(v, "Column '" + s.column() + "'", "the Kolmogorov–Smirnov test");
        // The normal MLE: the population sd (divisor n), as scipy.stats.norm.fit.
        double sd = Math.sqrt(d.getPopulationVariance());
        if (sd == 0) {
            throw new InvalidInputException("Column '" + s.column() + "' is constant (" + Support.fmt(v[0])
                    + "), so no normal distribution can be fitted to it. Choose a column that varies.");
        }
        var normal = new NormalDistribution(d.getMean(), sd);
        var ks = new KolmogorovSmirnovTest();
        return new Result("Kolmogorov–Smirnov test for normality", s.column() + " ~ Normal(" + Support.fmt(d.getMean())
                + ", " + Support.fmt(sd) + ")", v.length, ks.kolmogorovSmirnovStatistic(normal, v), Double.NaN,
                Double.NaN, ks.kolmogorovSmirnovTest(normal, v, false), d.getMean(), Double.NaN, Double.NaN,
                Double.NaN);
    }

    private static Result ksTwoSample(Table table, HypothesisTestSettings s, String group, ExecutionContext context) {
        Groups g = Groups.of(table.column(s.column()), table.column(group));
        g.requireLevels(2, 2, group, "the two-sample Kolmogorov–Smirnov test", "Filter the rows to two groups.");
        warnSkipped(g.skipped, context);
        double[] a = g.values.get(0);
        double[] b = g.values.get(1);
        var ks = new KolmogorovSmirnovTest();
        double d = ks.kolmogorovSmirnovStatistic(a, b);
        // Hipparchus' own two-sample test jitters tied values at random; asking for P(D >= d) directly keeps the
        // p-value deterministic and equal to SciPy's (which also treats the data as continuous).
        double p = (long) a.length * b.length < KS_EXACT_LIMIT
                ? ks.exactP(d, a.length, b.length, false)
                : kolmogorovUpperTail(d * Math.sqrt((double) a.length * b.length / (a.length + b.length)), ks);
        return new Result("Two-sample Kolmogorov–Smirnov test", s.column() + " has the same distribution in "
                + g.levels.get(0) + " and " + g.levels.get(1), a.length + b.length, d, Double.NaN, Double.NaN,
                Math.max(0.0, Math.min(1.0, p)), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    // Hipparchus' test classes return 1 − cdf, which rounds p-values below about 1e-16 to 0; the upper tails
    // written directly keep their relative accuracy, so a report can tell 1e-20 from 1e-40.

    /** P(F(d1, d2) > f) as the regularized incomplete beta I_{d2/(d2 + d1 f)}(d2/2, d1/2). */
    static double fUpperTail(double f, double d1, double d2) {
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /** P(χ²(df) > x) as the regularized upper incomplete gamma Q(df/2, x/2). */
    static double chiSquareUpperTail(double x, double df) {
        return Gamma.regularizedGammaQ(df / 2, x / 2);
    }

    /** P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) exp(−2k²λ²), summed directly in the tail. */
    static double kolmogorovUpperTail(double lambda, KolmogorovSmirnovTest ks) {
        if (lambda < 1) {
            return 1 - ks.ksSum(lambda, 1e-20, 100_000);
        }
        double sum = 0;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300 || term < 1e-17 * sum) {
                break;
            }
        }
        return 2 * sum;
    }
}
