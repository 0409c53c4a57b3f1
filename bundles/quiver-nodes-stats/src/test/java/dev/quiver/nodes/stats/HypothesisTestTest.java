package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reference values: SciPy 1.10.1 (Debian 12 python3-scipy), computed on the test-kit fixtures. */
class HypothesisTestTest {
    private final NodeTester<HypothesisTestSettings> tester = NodeTester.of(new HypothesisTestNodeFactory());

    private Table run(Table data, Map<String, ?> settings) {
        return (Table) tester.execute(tester.settings(settings), data).outputs().get(0);
    }

    private static double v(Table t, String column) {
        return cell(t, 0, column);
    }

    @Test
    void configureOnSpecsAlone() {
        var out = tester.configure(tester.settings(Map.of("test", "ANOVA", "column", "alcohol")), Fixtures.wine().spec());
        assertEquals(HypothesisTestNodeFactory.outputSpec().names(), ((TableSpec) out.get(0)).names());
    }

    // scipy.stats.ttest_1samp(iris.sepal_length, 5.8, alternative=...) and .confidence_interval(0.95)
    @Test
    void oneSampleT() {
        Table t = run(Fixtures.iris(), Map.of("test", "ONE_SAMPLE_T", "column", "sepal_length", "mu", 5.8));
        close(0.6409183514112012, v(t, "statistic"), "t");
        close(149, v(t, "df"), "df");
        close(0.5225602746220779, v(t, "p_value"), "p");
        close(5.709732481507366, v(t, "ci_lower"), "ci lower");
        close(5.976934185159301, v(t, "ci_upper"), "ci upper");
        assertEquals("two-sided", t.column("alternative").format(0));
        Table less = run(Fixtures.iris(), Map.of("test", "ONE_SAMPLE_T", "column", "sepal_length", "mu", 5.8,
                "alternative", "LESS"));
        close(0.7387198626889611, v(less, "p_value"), "p less");
        close(5.955239833810149, v(less, "ci_upper"), "ci upper less");
        assertEquals(Double.NEGATIVE_INFINITY, v(less, "ci_lower"));
        Table greater = run(Fixtures.iris(), Map.of("test", "ONE_SAMPLE_T", "column", "sepal_length", "mu", 5.8,
                "alternative", "GREATER"));
        close(0.26128013731103894, v(greater, "p_value"), "p greater");
        close(5.731426832856519, v(greater, "ci_lower"), "ci lower greater");
    }

    // scipy.stats.t.interval(level, 149, loc=mean, scale=sem)
    @Test
    void confidenceIntervalForTheMean() {
        Table t = run(Fixtures.iris(), Map.of("test", "MEAN_CI", "column", "sepal_length", "confidenceLevel", 0.99));
        close(5.843333333333334, v(t, "estimate"), "mean");
        close(5.666920000180822, v(t, "ci_lower"), "lower");
        close(6.019746666485846, v(t, "ci_upper"), "upper");
        assertTrue(Double.isNaN(v(t, "p_value")));
    }

    // scipy.stats.ttest_ind(benign, malignant, equal_var=False) on breast_cancer.mean_texture; df by Welch's formula
    @Test
    void welchT() {
        Table t = run(Fixtures.breastCancer(), Map.of("test", "WELCH_T", "column", "mean_texture"));
        close(-11.022086546579432, v(t, "statistic"), "t");
        close(463.0724217741693, v(t, "df"), "df");
        close(3.019055292193917e-25, v(t, "p_value"), "p");
        assertEquals(3.019055292193917e-25, v(t, "p_value"), 1e-9 * 3.019055292193917e-25, "p relative");
        assertEquals(569, v(t, "n"));
        Table less = run(Fixtures.breastCancer(), Map.of("test", "WELCH_T", "column", "mean_texture",
                "alternative", "LESS", "groupColumn", "class"));
        assertEquals(1.5095276460969585e-25, v(less, "p_value"), 1e-9 * 1.5095276460969585e-25, "p less");
    }

    // scipy.stats.ttest_rel(iris.sepal_length, iris.petal_length)
    @Test
    void pairedT() {
        Table t = run(Fixtures.iris(), Map.of("test", "PAIRED_T", "column", "sepal_length",
                "secondColumn", "petal_length"));
        close(22.813219517659135, v(t, "statistic"), "t");
        close(149, v(t, "df"), "df");
        assertEquals(1.7996292277334649e-50, v(t, "p_value"), 1e-9 * 1.7996292277334649e-50, "p");
    }

    // scipy.stats.chi2_contingency(pd.crosstab(iris.class, where(sepal_width >= 3, 'wide', 'narrow')), correction=False)
    @Test
    void chiSquareOfIndependence() {
        Table iris = Fixtures.iris();
        var width = new ArrayList<String>();
        for (int i = 0; i < iris.rowCount(); i++) {
            width.add(iris.column("sepal_width").getDouble(i) >= 3.0 ? "wide" : "narrow");
        }
        Table data = iris.withColumn(StringColumn.of("width", width.toArray(String[]::new)));
        var ctx = TestContext.create();
        Table t = (Table) tester.execute(tester.settings(Map.of("test", "CHI_SQUARE", "column", "class",
                "secondColumn", "width")), ctx, data).outputs().get(0);
        close(43.97283531409168, v(t, "statistic"), "chi2");
        close(2, v(t, "df"), "df");
        close(2.827614074640104e-10, v(t, "p_value"), "p");
        assertEquals(2.827614074640104e-10, v(t, "p_value"), 1e-6 * 2.827614074640104e-10, "p relative");
        assertTrue(ctx.warnings().isEmpty(), ctx.warnings().toString());
    }

    // scipy.stats.f_oneway(*[wine.alcohol[wine.class == c] for c in classes])
    @Test
    void oneWayAnova() {
        Table t = run(Fixtures.wine(), Map.of("test", "ANOVA", "column", "alcohol"));
        close(135.07762424279912, v(t, "statistic"), "F");
        close(2, v(t, "df"), "df between");
        close(175, v(t, "df2"), "df within");
        assertEquals(3.319503795619655e-36, v(t, "p_value"), 1e-6 * 3.319503795619655e-36, "p relative");
    }

    // mu, sd = scipy.stats.norm.fit(x); scipy.stats.kstest(x, 'norm', args=(mu, sd))
    @Test
    void ksAgainstFittedNormal() {
        Table t = run(Fixtures.iris(), Map.of("test", "KS_NORMAL", "column", "sepal_length"));
        close(0.08945440179507252, v(t, "statistic"), "D");
        close(0.17058360931631134, v(t, "p_value"), "p");
        close(5.843333333333334, v(t, "estimate"), "mean");
        assertTrue(t.column("null_hypothesis").format(0).contains("0.825301"), t.column("null_hypothesis").format(0));
        Table w = run(Fixtures.wine(), Map.of("test", "KS_NORMAL", "column", "alcohol"));
        close(0.06854144954910629, v(w, "statistic"), "D wine");
        close(0.35686679600830495, v(w, "p_value"), "p wine");
    }

    // scipy.stats.ks_2samp(versicolor.sepal_length, virginica.sepal_length) (exact method; ties present)
    @Test
    void ksTwoSampleExact() {
        Table iris = Fixtures.iris();
        int[] rows = IntStream.range(0, iris.rowCount())
                .filter(i -> !"setosa".equals(iris.column("class").format(i))).toArray();
        Table t = run(iris.rows(rows), Map.of("test", "KS_TWO_SAMPLE", "column", "sepal_length"));
        close(0.46, v(t, "statistic"), "D");
        assertEquals(3.800827929128319e-05, v(t, "p_value"), 1e-9 * 3.800827929128319e-05, "p relative");
    }

    // large samples (357 x 212): asymptotic Kolmogorov distribution, scipy.stats.kstwobign.sf(D * sqrt(n m / (n + m)))
    @Test
    void ksTwoSampleAsymptotic() {
        Table t = run(Fixtures.breastCancer(), Map.of("test", "KS_TWO_SAMPLE", "column", "mean_smoothness"));
        close(0.344115004492363, v(t, "statistic"), "D");
        assertEquals(4.170344593683628e-14, v(t, "p_value"), 1e-9 * 4.170344593683628e-14, "p relative");
    }

    @Test
    void missingCellsAreSkippedWithAWarning() {
        var ctx = TestContext.create();
        Table t = (Table) tester.execute(tester.settings(Map.of("test", "ONE_SAMPLE_T", "column", "petal_width")), ctx,
                Fixtures.irisMissing()).outputs().get(0);
        assertEquals(139, v(t, "n"));
        assertEquals(List.of("11 rows with a missing cell skipped."), ctx.warnings());
    }

    @Test
    void badInput() {
        Table iris = Fixtures.iris();
        fails(() -> run(iris, Map.of("test", "WELCH_T", "column", "sepal_length")),
                "Group column 'class' has 3 levels", "setosa, versicolor, virginica", "exactly 2", "ANOVA");
        fails(() -> tester.configure(tester.settings(Map.of("test", "ONE_SAMPLE_T", "column", "class")), iris.spec()),
                "Value column 'class' is a string column", "numeric");
        fails(() -> tester.configure(tester.settings(Map.of("test", "CHI_SQUARE", "column", "class",
                "secondColumn", "sepal_width")), iris.spec()), "'sepal_width' is a double column", "nominal");
        fails(() -> tester.settings(Map.of("test", "ANOVA", "alternative", "LESS")), "does not apply to ANOVA",
                "TWO_SIDED");
        fails(() -> tester.configure(tester.settings(Map.of("test", "ONE_SAMPLE_T")), iris.spec()),
                "Value column is not set");
        Table flat = Table.of(DoubleColumn.of("x", 2, 2, 2));
        fails(() -> run(flat, Map.of("test", "ONE_SAMPLE_T", "column", "x")), "zero variance");
        fails(() -> run(flat, Map.of("test", "KS_NORMAL", "column", "x")), "constant");
        Table one = Table.of(DoubleColumn.of("x", 2));
        fails(() -> run(one, Map.of("test", "ONE_SAMPLE_T", "column", "x")), "has 1 value", "at least 2");
        List<Column> noLabel = List.of(DoubleColumn.of("x", 1, 2, 3));
        fails(() -> run(Table.of(noLabel), Map.of("test", "ANOVA", "column", "x")),
                "Group column is not set and the table has no label column");
    }
}
