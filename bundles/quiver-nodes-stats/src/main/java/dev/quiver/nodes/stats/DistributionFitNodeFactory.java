package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.stats.DistributionFitSettings.Family;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.IntegerDistribution;
import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.ExponentialDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.osgi.service.component.annotations.Component;

/** Maximum-likelihood fit of one distribution family to a column, with a goodness-of-fit test. */
@Component(service = NodeFactory.class)
public final class DistributionFitNodeFactory implements NodeFactory<DistributionFitSettings> {

    /** Classes with a smaller expected count are merged into their neighbour (the usual chi-square rule). */
    static final double MIN_EXPECTED = 5.0;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.stats.distribution-fit", 1,
            "Distribution Fit", "Statistics",
            """
            Fits a distribution by maximum likelihood — normal: mean and sd with divisor n (as \
            `scipy.stats.norm.fit`); exponential: rate 1/mean (location 0); Poisson: λ = mean; binomial: \
            p = mean / n — and tests how well it fits. Continuous families use the one-sample \
            Kolmogorov–Smirnov test (largest gap between the empirical and fitted CDFs; since the parameters \
            come from the same data the p-value is conservative). Discrete families use Pearson's chi-square \
            test on the counts of 0, 1, 2, … with the upper tail in the last class; neighbouring classes are \
            merged, left to right, until each expects at least 5 rows, and df = classes − 1 − 1 (one fitted \
            parameter). A small p-value says the family does not describe the data.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("parameters", "The fitted parameters (parameter, value)."),
                    Support.tableOut("fit", "One row: distribution, n, test, statistic, df, p_value, log_likelihood.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<DistributionFitSettings> settingsType() {
        return DistributionFitSettings.class;
    }

    @Override
    public DistributionFitSettings defaultSettings() {
        return DistributionFitSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, DistributionFitSettings s, ConfigureContext context) {
        inputs.get("table", TableSpec.class).requireNumeric(s.column(), "Column");
        return List.of(parametersSpec(), fitSpec());
    }

    static TableSpec parametersSpec() {
        return TableSpec.of(Support.str("parameter"), Support.dbl("value"));
    }

    static TableSpec fitSpec() {
        return TableSpec.of(Support.str("distribution"), Support.lng("n"), Support.str("test"),
                Support.dbl("statistic"), Support.dbl("df"), Support.dbl("p_value"), Support.dbl("log_likelihood"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, DistributionFitSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        var column = table.numericColumn(s.column());
        double[] v = Support.present(column);
        if (v.length < column.size()) {
            context.warn((column.size() - v.length) + " missing cells skipped.");
        }
        if (v.length < 2) {
            throw new InvalidInputException("Column '" + s.column() + "' has " + v.length
                    + " values, but a distribution fit needs at least 2. Collect more rows.");
        }
        var d = new DescriptiveStatistics(v);
        double mean = d.getMean();
        Fit fit = switch (s.distribution()) {
            case NORMAL -> {
                double sd = Math.sqrt(d.getPopulationVariance());
                if (sd == 0) {
                    throw new InvalidInputException("Column '" + s.column() + "' is constant (" + Support.fmt(mean)
                            + "); a normal distribution needs values that vary.");
                }
                yield continuous(new NormalDistribution(mean, sd), v, List.of("mean", "sd"), new double[] {mean, sd});
            }
            case EXPONENTIAL -> {
                requireAtLeast(v, 0, s.column(), "The exponential distribution");
                if (mean == 0) {
                    throw new InvalidInputException("Column '" + s.column() + "' is all 0; an exponential distribution "
                            + "needs a positive mean.");
                }
                yield continuous(new ExponentialDistribution(mean), v, List.of("rate", "mean"),
                        new double[] {1 / mean, mean});
            }
            case POISSON -> {
                requireCounts(v, Long.MAX_VALUE, s.column(), "The Poisson distribution");
                if (mean == 0) {
                    throw new InvalidInputException("Column '" + s.column() + "' is all 0; a Poisson distribution "
                            + "needs a positive mean.");
                }
                yield discrete(new PoissonDistribution(mean), v, List.of("lambda"), new double[] {mean}, context);
            }
            case BINOMIAL -> {
                requireCounts(v, s.trials(), s.column(), "The binomial distribution with n = " + s.trials());
                double p = mean / s.trials();
                if (p == 0 || p == 1) {
                    throw new InvalidInputException("Column '" + s.column() + "' is always " + (p == 0 ? 0 : s.trials())
                            + ", so the fitted binomial is degenerate (p = " + Support.fmt(p) + "). Check 'trials'.");
                }
                yield discrete(new BinomialDistribution(s.trials(), p), v, List.of("n", "p"),
                        new double[] {s.trials(), p}, context);
            }
        };
        Table parameters = Table.of(Support.str("parameter", fit.names), Support.dbl("value", fit.values));
        Table result = Table.of(List.of(
                Support.str("distribution", List.of(s.distribution().name().toLowerCase())),
                Support.lng("n", new long[] {v.length}),
                Support.str("test", List.of(fit.test)),
                Support.dbl("statistic", new double[] {fit.statistic}),
                Support.dbl("df", new double[] {fit.df}),
                Support.dbl("p_value", new double[] {fit.p}),
                Support.dbl("log_likelihood", new double[] {fit.logLikelihood})));
        var chart = new ChartSpec("fit", "Observed and fitted (" + s.distribution().name().toLowerCase() + ") counts of "
                + s.column(), fit.chart, List.of(
                new ChartSpec.Layer(ChartSpec.Mark.BAR, List.of(Channel.x("value", FieldType.QUANTITATIVE),
                        Channel.y("observed", FieldType.QUANTITATIVE))),
                new ChartSpec.Layer(ChartSpec.Mark.LINE, List.of(Channel.x("value", FieldType.QUANTITATIVE),
                        Channel.y("expected", FieldType.QUANTITATIVE)))));
        context.progress(1.0, "Fitted " + s.distribution().name().toLowerCase());
        return NodeResult.of(parameters, result).withChart(chart);
    }

    private record Fit(List<String> names, double[] values, String test, double statistic, double df, double p,
            double logLikelihood, Table chart) {
    }

    private static Fit continuous(RealDistribution dist, double[] v, List<String> names, double[] params) {
        var ks = new KolmogorovSmirnovTest();
        double ll = 0;
        for (double x : v) {
            ll += dist.logDensity(x);
        }
        // Expected counts per histogram bin, for the chart only.
        int bins = Math.max(5, Math.min(50, (int) Math.ceil(Math.sqrt(v.length))));
        Histogram h = Histogram.of(v, bins);
        double[] centre = new double[bins];
        double[] observed = new double[bins];
        double[] expected = new double[bins];
        for (int i = 0; i < bins; i++) {
            centre[i] = (h.edges[i] + h.edges[i + 1]) / 2;
            observed[i] = h.counts[i];
            expected[i] = v.length * (dist.cumulativeProbability(h.edges[i + 1]) - dist.cumulativeProbability(h.edges[i]));
        }
        return new Fit(names, params, "Kolmogorov–Smirnov", ks.kolmogorovSmirnovStatistic(dist, v), Double.NaN,
                ks.kolmogorovSmirnovTest(dist, v, false), ll, chartTable(centre, observed, expected));
    }

    private static Fit discrete(IntegerDistribution dist, double[] v, List<String> names, double[] params,
            ExecutionContext context) {
        int max = 0;
        double ll = 0;
        for (double x : v) {
            max = Math.max(max, (int) x);
            ll += dist.logProbability((int) x);
        }
        // classes 0 … max − 1 and "max or more", so the expected counts add up to n
        double[] observed = new double[max + 1];
        double[] expected = new double[max + 1];
        for (double x : v) {
            observed[(int) x]++;
        }
        for (int k = 0; k < max; k++) {
            expected[k] = v.length * dist.probability(k);
        }
        expected[max] = v.length * (1 - dist.cumulativeProbability(max - 1));
        double[] values = new double[max + 1];
        for (int k = 0; k <= max; k++) {
            values[k] = k;
        }
        Table chart = chartTable(values, observed.clone(), expected.clone());
        List<double[]> merged = mergeSmallClasses(observed, expected);
        double[] o = merged.get(0);
        double[] e = merged.get(1);
        int classes = o.length;
        double df = classes - 2.0;
        if (df < 1) {
            context.warn("Only " + classes + " class" + (classes == 1 ? "" : "es") + " remain after merging classes "
                    + "that expect fewer than 5 rows, too few for a chi-square test (df = classes − 2 must be at "
                    + "least 1). The statistic and p-value are missing; collect more rows.");
            return new Fit(names, params, "chi-square", Double.NaN, Double.NaN, Double.NaN, ll, chart);
        }
        double chi2 = 0;
        for (int i = 0; i < classes; i++) {
            chi2 += (o[i] - e[i]) * (o[i] - e[i]) / e[i];
        }
        return new Fit(names, params, "chi-square", chi2, df, HypothesisTestNodeFactory.chiSquareUpperTail(chi2, df),
                ll, chart);
    }

    /** Merges each class into the next until it expects at least 5 rows; a short remainder joins the last class. */
    static List<double[]> mergeSmallClasses(double[] observed, double[] expected) {
        var o = new ArrayList<Double>();
        var e = new ArrayList<Double>();
        double accO = 0;
        double accE = 0;
        for (int k = 0; k < observed.length; k++) {
            accO += observed[k];
            accE += expected[k];
            if (accE >= MIN_EXPECTED) {
                o.add(accO);
                e.add(accE);
                accO = 0;
                accE = 0;
            }
        }
        if (accE > 0 || accO > 0) {
            if (o.isEmpty()) {
                o.add(accO);
                e.add(accE);
            } else {
                o.set(o.size() - 1, o.get(o.size() - 1) + accO);
                e.set(e.size() - 1, e.get(e.size() - 1) + accE);
            }
        }
        return List.of(o.stream().mapToDouble(Double::doubleValue).toArray(),
                e.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Table chartTable(double[] x, double[] observed, double[] expected) {
        return Table.of(Support.dbl("value", x), Support.dbl("observed", observed), Support.dbl("expected", expected));
    }

    private static void requireAtLeast(double[] v, double min, String column, String family) {
        for (double x : v) {
            if (x < min) {
                throw new InvalidInputException(family + " needs values ≥ " + Support.fmt(min) + ", but column '" + column
                        + "' holds " + Support.fmt(x) + ". Shift the values or choose another distribution.");
            }
        }
    }

    private static void requireCounts(double[] v, long max, String column, String family) {
        for (double x : v) {
            if (x < 0 || x != Math.rint(x) || x > max) {
                throw new InvalidInputException(family + " needs whole counts from 0" + (max == Long.MAX_VALUE ? ""
                        : " to " + max) + ", but column '" + column + "' holds " + Support.fmt(x)
                        + ". Choose a count column" + (max == Long.MAX_VALUE ? "." : " or raise 'trials'."));
            }
        }
    }
}
