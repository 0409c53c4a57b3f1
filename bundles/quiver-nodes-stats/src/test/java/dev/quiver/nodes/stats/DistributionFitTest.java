package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference values: SciPy 1.10.1. Discrete fits: counts of 0 … max−1 and "max or more", merged left to right
 * until each class expects 5 rows, then scipy.stats.chisquare(observed, expected, ddof=1); the samples were
 * drawn once with numpy.random.default_rng(1) (poisson(3, 80), binomial(8, 0.3, 80), exponential(2, 50)
 * rounded to 3 decimals) and are written out here.
 */
class DistributionFitTest {
    private final NodeTester<DistributionFitSettings> tester = NodeTester.of(new DistributionFitNodeFactory());

    static final double[] POISSON = {4, 4, 4, 2, 2, 6, 3, 4, 2, 5, 3, 4, 4, 1, 4, 4, 3, 7, 2, 2, 2, 0, 2, 4, 5, 3, 3, 3,
        5, 1, 2, 8, 1, 1, 4, 3, 3, 3, 5, 5, 3, 4, 2, 4, 4, 3, 2, 6, 1, 5, 3, 3, 2, 0, 1, 8, 1, 2, 2, 3, 2, 1, 1, 4, 2, 3,
        3, 2, 1, 1, 2, 5, 0, 2, 3, 1, 4, 3, 3, 4};
    static final double[] BINOMIAL = {0, 1, 1, 5, 0, 2, 1, 3, 0, 1, 1, 2, 3, 3, 2, 2, 4, 3, 1, 4, 4, 1, 3, 1, 1, 2, 2, 2,
        2, 1, 3, 2, 4, 2, 2, 1, 2, 2, 3, 2, 0, 4, 0, 4, 4, 4, 3, 1, 2, 2, 3, 2, 3, 1, 2, 2, 2, 1, 5, 3, 4, 2, 5, 4, 5, 1,
        2, 2, 3, 1, 1, 2, 3, 2, 5, 2, 2, 4, 2, 2};
    static final double[] EXPONENTIAL = {0.368, 4.0, 1.745, 3.711, 0.119, 1.011, 0.092, 3.789, 5.032, 2.058, 2.427,
        10.095, 1.048, 0.287, 0.139, 0.074, 1.82, 3.975, 0.064, 3.578, 1.753, 1.051, 5.557, 1.211, 2.949, 0.776, 6.808,
        0.673, 0.169, 0.205, 1.136, 1.009, 3.774, 4.226, 1.117, 3.27, 0.858, 0.415, 0.824, 0.234, 1.63, 0.244, 0.05,
        6.309, 1.01, 1.981, 4.598, 0.527, 0.196, 1.164};

    private NodeResult run(Table data, Map<String, ?> settings) {
        return tester.execute(tester.settings(settings), data);
    }

    private static double param(NodeResult r, String name) {
        Table p = (Table) r.outputs().get(0);
        return cell(p, row(p, name), "value");
    }

    private static double fit(NodeResult r, String column) {
        return cell((Table) r.outputs().get(1), 0, column);
    }

    @Test
    void configureOnSpecsAlone() {
        var out = tester.configure(tester.settings(Map.of("column", "alcohol")), Fixtures.wine().spec());
        assertEquals(DistributionFitNodeFactory.fitSpec(), out.get(1));
        assertEquals(2, ((TableSpec) out.get(0)).columnCount());
    }

    // scipy.stats.norm.fit; kstest(x, 'norm', args=(mu, sd)); norm.logpdf(...).sum() on iris.sepal_length
    @Test
    void normal() {
        NodeResult r = run(Fixtures.iris(), Map.of("column", "sepal_length"));
        close(5.843333333333334, param(r, "mean"), "mean");
        close(0.8253012917851409, param(r, "sd"), "sd");
        close(0.08945440179507252, fit(r, "statistic"), "D");
        close(0.17058360931631134, fit(r, "p_value"), "p");
        close(-184.03976640764176, fit(r, "log_likelihood"), "log-likelihood");
        assertEquals(1, r.charts().size());
    }

    // scipy.stats.expon.fit(x, floc=0); kstest(x, 'expon', args=(0, scale))
    @Test
    void exponential() {
        NodeResult r = run(Table.of(DoubleColumn.of("x", EXPONENTIAL)), Map.of("column", "x",
                "distribution", "EXPONENTIAL"));
        close(0.4942860532247221, param(r, "rate"), "rate");
        close(0.10959127660855561, fit(r, "statistic"), "D");
        close(0.5486284130273185, fit(r, "p_value"), "p");
        close(-85.23204371355796, fit(r, "log_likelihood"), "log-likelihood");
        // wine.malic_acid is far from exponential
        NodeResult w = run(Fixtures.wine(), Map.of("column", "malic_acid", "distribution", "EXPONENTIAL"));
        close(0.4280183711255921, param(w, "rate"), "rate wine");
        close(0.3175440984506945, fit(w, "statistic"), "D wine");
        close(1.8512220127377618e-16, fit(w, "p_value"), "p wine");
    }

    @Test
    void poisson() {
        NodeResult r = run(Table.of(DoubleColumn.of("k", POISSON)), Map.of("column", "k", "distribution", "POISSON"));
        close(2.9875, param(r, "lambda"), "lambda");
        close(1.1659371466445136, fit(r, "statistic"), "chi2");
        close(4, fit(r, "df"), "df = 6 classes - 2");
        close(0.8836743688566302, fit(r, "p_value"), "p");
        close(-151.20382901645633, fit(r, "log_likelihood"), "log-likelihood");
    }

    @Test
    void binomial() {
        NodeResult r = run(Table.of(DoubleColumn.of("k", BINOMIAL)), Map.of("column", "k", "distribution", "BINOMIAL",
                "trials", 8));
        close(0.2859375, param(r, "p"), "p");
        close(8, param(r, "n"), "n");
        close(3.5337720380436117, fit(r, "statistic"), "chi2");
        close(3, fit(r, "df"), "df = 5 classes - 2");
        close(0.31640834366517306, fit(r, "p_value"), "p");
        close(-131.84914215833385, fit(r, "log_likelihood"), "log-likelihood");
    }

    @Test
    void tooFewClassesGiveMissingTestAndWarning() {
        var ctx = TestContext.create();
        Table t = Table.of(DoubleColumn.of("k", 0, 1, 1, 2, 0, 1));
        NodeResult r = tester.execute(tester.settings(Map.of("column", "k", "distribution", "POISSON")), ctx, t);
        assertTrue(Double.isNaN(fit(r, "p_value")));
        assertTrue(ctx.warnings().get(0).contains("too few for a chi-square test"), ctx.warnings().toString());
    }

    @Test
    void badInput() {
        Table t = Table.of(DoubleColumn.of("k", 0, 1.5, 2));
        fails(() -> run(t, Map.of("column", "k", "distribution", "POISSON")), "whole counts", "1.50000");
        fails(() -> run(Table.of(DoubleColumn.of("k", 0, 9, 2)), Map.of("column", "k", "distribution", "BINOMIAL",
                "trials", 8)), "from 0 to 8", "raise 'trials'");
        fails(() -> run(Table.of(DoubleColumn.of("x", -1, 2)), Map.of("column", "x", "distribution", "EXPONENTIAL")),
                "values ≥ 0");
        fails(() -> run(Table.of(DoubleColumn.of("x", 3, 3, 3)), Map.of("column", "x")), "constant");
        fails(() -> tester.configure(tester.settings(Map.of("column", "class")), Fixtures.iris().spec()),
                "'class' is a string column");
    }
}
