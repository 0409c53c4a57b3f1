package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.explain.PartialDependenceNodeFactory.PartialDependenceSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialDependenceNodeFactoryTest {
    private final NodeTester<PartialDependenceSettings> node = NodeTester.of(new PartialDependenceNodeFactory());
    private static final Table CANCER = Fixtures.breastCancer();
    private static final List<String> FEATURES = List.of("mean_radius", "mean_texture", "mean_smoothness");
    private static final List<String> CLASSES = List.of("benign", "malignant");

    /**
     * The scikit-learn reference: {@code LogisticRegression} with {@code coef_ = [[0.8, 0.2, 30.0]]} and
     * {@code intercept_ = [-16.0]} on these three features of all 569 rows (scikit-learn 1.2.1).
     */
    private static Model model() {
        return TestModels.logistic(FEATURES, CLASSES, -16.0, new double[] {0.8, 0.2, 30.0});
    }

    private static double[] column(Table t, String name) {
        return t.doubleColumn(name).toArray();
    }

    @Test
    void configureNamesGridAndClassColumnsAndRejectsBadFeatures() {
        var s = node.settings(Map.of("feature", "mean_radius"));
        var specs = node.configure(s, model().spec(), CANCER.spec());
        assertEquals(List.of("mean_radius", "P(benign)", "P(malignant)"), ((TableSpec) specs.get(0)).names());
        assertEquals(List.of("row", "mean_radius", "P(benign)", "P(malignant)"), ((TableSpec) specs.get(1)).names());
        var two = node.settings(Map.of("feature", "mean_radius", "secondFeature", "mean_texture"));
        assertEquals(List.of("mean_radius", "mean_texture", "P(benign)", "P(malignant)"),
                ((TableSpec) node.configure(two, model().spec(), CANCER.spec()).get(0)).names());

        var e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of("feature",
                "worst_area")), model().spec(), CANCER.spec()));
        assertEquals("Feature 'worst_area' is not one of the model's features (mean_radius, mean_texture,"
                + " mean_smoothness). Choose one of them.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of()), model().spec(),
                CANCER.spec()));
        assertTrue(e.getMessage().startsWith("Feature is not set"), e.getMessage());
        TableSpec nominal = CANCER.spec().withColumns(List.of(ColumnSpec.nominal("mean_texture", ColumnRole.FEATURE,
                List.of("rough"))));
        e = assertThrows(InvalidInputException.class, () -> node.configure(s, model().spec(), nominal));
        assertTrue(e.getMessage().startsWith("Feature column 'mean_texture' of the input table is string"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> node.settings(Map.of("lowerPercentile", 0.9,
                "upperPercentile", 0.1)));
        assertTrue(e.getMessage().startsWith("Lower percentile 0.9 must be below"), e.getMessage());
    }

    @Test
    void oneDimensionalCurveAndIceMatchScikitLearn() {
        var s = node.settings(Map.of("feature", "mean_radius", "gridPoints", 10, "maxRows", 1000, "iceRows", 3));
        NodeResult r = node.execute(s, model(), CANCER);
        Table pdp = (Table) r.outputs().get(0);
        // partial_dependence(m, X, [0], grid_resolution=10, kind='both')
        assertArrayEquals(new double[] {9.49854, 10.729968888888889, 11.961397777777778, 13.192826666666665,
            14.424255555555554, 15.655684444444443, 16.887113333333332, 18.11854222222222, 19.34997111111111,
            20.5814}, column(pdp, "mean_radius"), 1e-12);
        double[] average = {0.19611326394493495, 0.3605059536280202, 0.562892236965912, 0.7500567389537797,
            0.8794281103510339, 0.9487464115127875, 0.9797420743398356, 0.9922611610891549, 0.997084924872484,
            0.9989079342485763};
        assertArrayEquals(average, column(pdp, "P(malignant)"), 1e-12);
        for (int p = 0; p < 10; p++) {
            assertEquals(1 - average[p], pdp.doubleColumn("P(benign)").get(p), 1e-12);
        }
        Table ice = (Table) r.outputs().get(1);
        assertEquals(30, ice.rowCount());
        assertEquals(1, ice.column("row").getDouble(0));
        assertArrayEquals(new double[] {0.05879146686563459, 0.14331504862162517, 0.30940941638296005,
            0.5454396139771583, 0.7626755364649749, 0.8959065964674057, 0.9584209505914368, 0.9840596640094696,
            0.9939880551367628, 0.997746736807368}, java.util.Arrays.copyOf(column(ice, "P(malignant)"), 10), 1e-12);
        assertEquals(List.of("pdp", "ice"), r.charts().stream().map(c -> c.id()).toList());
    }

    @Test
    void twoDimensionalGridMatchesScikitLearn() {
        var s = node.settings(Map.of("feature", "mean_radius", "secondFeature", "mean_texture", "gridPoints", 5));
        TestContext ctx = TestContext.create();
        NodeResult r = node.execute(s, ctx, model(), CANCER);
        Table pdp = (Table) r.outputs().get(0);
        assertEquals(25, pdp.rowCount());
        assertArrayEquals(new double[] {9.49854, 12.269255, 15.03997, 17.810685, 20.5814},
                java.util.Arrays.stream(column(pdp, "mean_radius")).distinct().toArray(), 1e-12);
        assertArrayEquals(new double[] {13.0772, 16.609049999999996, 20.140899999999995, 23.672749999999994,
            27.204599999999992}, java.util.Arrays.copyOf(column(pdp, "mean_texture"), 5), 1e-12);
        // partial_dependence(m, X, [(0, 1)], grid_resolution=5)['average'].ravel(): first feature outer.
        assertArrayEquals(new double[] {0.05661752831915076, 0.1073391464548305, 0.1931737754756895,
            0.3214279426368616, 0.4827848834768243, 0.3422063811813349, 0.5061606783392548, 0.6691120651286733,
            0.8004763375066489, 0.8890713529393395, 0.8152288786090907, 0.8981895672144484, 0.9466331121309772,
            0.9728216492065802, 0.9863720220516875, 0.975273371755536, 0.9876193671191054, 0.9938461280610444,
            0.996952419013427, 0.9984935152411714, 0.9972345151775648, 0.998633189309413, 0.9993250268309621,
            0.9996668137148375, 0.9998355628205532}, column(pdp, "P(malignant)"), 1e-12);
        assertEquals(0, ((Table) r.outputs().get(1)).rowCount());
        assertEquals("pdp-2d", r.charts().get(0).id());
        assertTrue(ctx.warnings().get(0).startsWith("ICE lines are drawn for one feature only"));
    }

    @Test
    void quantileGridFollowsTheEmpiricalQuantilesAndFewValuesAreUsedAsTheyAre() {
        var s = node.settings(Map.of("feature", "mean_radius", "gridPoints", 10, "grid", "QUANTILES"));
        Table pdp = (Table) node.execute(s, model(), CANCER).outputs().get(0);
        // scipy.stats.mstats.mquantiles(X[:, 0], prob=np.linspace(0.05, 0.95, 10))
        assertArrayEquals(new double[] {9.49854, 11.0246, 11.697, 12.34, 12.9954, 13.694599999999998, 14.6038,
            15.801, 18.263199999999998, 20.5814}, column(pdp, "mean_radius"), 1e-12);
        Table small = CANCER.slice(0, 4);
        Table few = (Table) node.execute(node.settings(Map.of("feature", "mean_radius")), model(), small).outputs()
                .get(0);
        assertArrayEquals(new double[] {11.42, 17.99, 19.69, 20.57}, column(few, "mean_radius"), 0);
    }

    @Test
    void samplesRowsWithTheSeedWarnsAndCancels() {
        var s = node.settings(Map.of("feature", "mean_texture", "maxRows", 100, "seed", 5));
        TestContext ctx = TestContext.create();
        Table a = (Table) node.execute(s, ctx, model(), CANCER).outputs().get(0);
        Table b = (Table) node.execute(s, model(), CANCER).outputs().get(0);
        assertArrayEquals(column(a, "P(malignant)"), column(b, "P(malignant)"), 0);
        assertEquals(List.of("Sub-sampled 100 of 569 rows (setting 'Rows averaged')."), ctx.warnings());

        var slow = node.settings(Map.of("feature", "mean_radius", "secondFeature", "mean_texture", "gridPoints", 100));
        assertThrows(CanceledException.class,
                () -> node.execute(slow, TestContext.create().cancelAfterProgressReports(1), model(), CANCER));
        var e = assertThrows(InvalidInputException.class,
                () -> node.execute(node.settings(Map.of("feature", "mean_radius")), model(), CANCER.slice(0, 0)));
        assertEquals("The input table is empty. Connect a table with at least one row.", e.getMessage());
    }
}
