package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelPcaNodeFactoryTest {
    private final NodeTester<KernelPcaSettings> tester = NodeTester.of(new KernelPcaNodeFactory());
    private final NodeTester<PcaSettings> pca = NodeTester.of(new PcaNodeFactory());

    // scikit-learn 1.2.1: KernelPCA(4, kernel="rbf", gamma=2).fit(circles[:, :2]).eigenvalues_
    static final double[] CIRCLES_GAMMA2_EIGENVALUES = {151.2066978477, 120.0852026723, 118.9544251306, 61.4050450666};
    // KernelPCA(3, kernel=…, eigen_solver="dense").fit(iris[:, :4]): eigenvalues_, and transform(X[:2])
    static final double[] IRIS_RBF_EIGENVALUES = {48.11051563957, 19.094294284191, 6.633278140065};
    static final double[][] IRIS_RBF_FIRST = {{0.827682126853, 0.038351275479, -0.098559647593},
            {0.798272544266, 0.021755958378, -0.029694185543}};
    static final double[] IRIS_POLY_EIGENVALUES = {1929763.5508553924, 54705.09103406001, 27280.638973514826};
    static final double[][] IRIS_POLY_FIRST = {{-124.402592209475, 13.159957529105, 0.379131383182},
            {-130.67826153131, -4.08789111147, -3.796746753904}};
    static final double[] IRIS_SIGMOID_EIGENVALUES = {1.508141988108, 0.047759839903, 0.030182615727};
    static final double[] IRIS_COSINE_EIGENVALUES = {6.424157830576, 0.184149329934, 0.054610429348};

    // KernelPCA(5, kernel="rbf", gamma=1e-3, eigen_solver="arpack").fit(digits[:, :64]): eigenvalues_, transform(X[:1])
    static final double[] DIGITS_EIGENVALUES = {85.288738735951, 82.639331044459, 61.448347913774, 50.337821909269,
            42.989290535559};
    static final double[] DIGITS_FIRST = {0.545489410058, 0.157827555806, -0.282770964642, 0.303171542377, 0.02613112953};

    private KernelPcaSettings settings(Map<String, ?> overrides) {
        return tester.settings(overrides);
    }

    private static double[] column(NodeResult r, String name) {
        return ((DoubleColumn) ((Table) r.outputs().get(0)).column(name)).toArray();
    }

    private static double[] eigenvalues(NodeResult r) {
        return ((DoubleColumn) ((Table) r.outputs().get(2)).column("eigenvalue")).toArray();
    }

    @Test
    void configureOnSpecsAlone() {
        List<PortSpec> out = tester.configure(settings(Map.of("components", 3)), Fixtures.circles().spec());
        assertEquals(List.of("class", "KPC1", "KPC2", "KPC3"), assertInstanceOf(TableSpec.class, out.get(0)).names());
        assertEquals(List.of("component", "eigenvalue", "explained_variance_ratio", "cumulative_ratio"),
                ((TableSpec) out.get(2)).names());
    }

    @Test
    void kernelsMatchScikitLearnOnIris() {
        NodeResult rbf = tester.execute(settings(Map.of("components", 3, "solver", "DENSE")), Fixtures.iris());
        assertArrayEquals(IRIS_RBF_EIGENVALUES, Arrays.copyOf(eigenvalues(rbf), 3), 1e-8);
        for (int c = 0; c < 3; c++) {
            double[] mine = column(rbf, "KPC" + (c + 1));
            double sign = Math.signum(mine[0]) * Math.signum(IRIS_RBF_FIRST[0][c]);
            assertEquals(IRIS_RBF_FIRST[0][c], sign * mine[0], 1e-8);
            assertEquals(IRIS_RBF_FIRST[1][c], sign * mine[1], 1e-8);
        }
        NodeResult poly = tester.execute(settings(Map.of("components", 3, "kernel", "POLYNOMIAL", "degree", 3,
                "gamma", 0.5, "coef0", 1.0, "solver", "DENSE")), Fixtures.iris());
        double[] pe = eigenvalues(poly);
        for (int c = 0; c < 3; c++) {
            assertEquals(IRIS_POLY_EIGENVALUES[c], pe[c], 1e-9 * IRIS_POLY_EIGENVALUES[0]);
            double[] mine = column(poly, "KPC" + (c + 1));
            double sign = Math.signum(mine[0]) * Math.signum(IRIS_POLY_FIRST[0][c]);
            assertEquals(IRIS_POLY_FIRST[1][c], sign * mine[1], 1e-6);
        }
        NodeResult sigmoid = tester.execute(settings(Map.of("components", 3, "kernel", "SIGMOID", "gamma", 0.01,
                "coef0", 0.5, "solver", "DENSE")), Fixtures.iris());
        assertArrayEquals(IRIS_SIGMOID_EIGENVALUES, eigenvalues(sigmoid), 1e-9);
        NodeResult cosine = tester.execute(settings(Map.of("components", 3, "kernel", "COSINE", "solver", "ITERATIVE")),
                Fixtures.iris());
        assertArrayEquals(IRIS_COSINE_EIGENVALUES, eigenvalues(cosine), 1e-9);
    }

    @Test
    void lanczosMatchesArpackOnDigits() {
        // 1,797 rows, 64 columns: AUTO picks the ITERATIVE solver.
        NodeResult r = tester.execute(settings(Map.of("components", 5, "gamma", 1e-3)), Fixtures.digits());
        assertEquals("ITERATIVE", ((Transform) r.outputs().get(1)).details().get("solver"));
        assertArrayEquals(DIGITS_EIGENVALUES, eigenvalues(r), 1e-9);
        for (int c = 0; c < 5; c++) {
            double first = column(r, "KPC" + (c + 1))[0];
            assertEquals(Math.abs(DIGITS_FIRST[c]), Math.abs(first), 1e-8, "component " + c);
        }
    }

    @Test
    void linearKernelEqualsPcaUpToSign() {
        Table wine = Fixtures.wine();
        NodeResult linear = tester.execute(settings(Map.of("components", 3, "kernel", "LINEAR")), wine);
        NodeResult plain = pca.execute(pca.settings(Map.of("components", 3)), wine);
        for (int c = 1; c <= 3; c++) {
            double[] k = column(linear, "KPC" + c);
            double[] p = column(plain, "PC" + c);
            double sign = Math.signum(k[0]) * Math.signum(p[0]);
            double scale = Math.abs(p[0]) + 1;
            for (int i = 0; i < k.length; i++) {
                assertEquals(p[i], sign * k[i], 1e-9 * scale * 100, "component " + c + " row " + i);
            }
        }
    }

    /** Best accuracy of a single threshold on {@code score} for the 0/1 labels (either orientation). */
    static double thresholdAccuracy(double[] score, boolean[] inner) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        int n = score.length;
        int positives = 0;
        for (boolean b : inner) {
            positives += b ? 1 : 0;
        }
        int below = 0;
        double best = 0;
        for (int t = 0; t <= n; t++) {
            int correct = (t - below) + (positives - below);
            best = Math.max(best, Math.max(correct, n - correct) / (double) n);
            if (t < n && inner[order[t]]) {
                below++;
            }
        }
        return best;
    }

    private static boolean[] innerRing(Table circles) {
        StringColumn cls = circles.stringColumn("class");
        boolean[] inner = new boolean[circles.rowCount()];
        for (int i = 0; i < inner.length; i++) {
            inner[i] = cls.get(i).equals("1");
        }
        return inner;
    }

    @Test
    void rbfGamma2SeparatesTheRingsOnTheFirstComponentAndGamma10OnTheThird() {
        Table circles = Fixtures.circles();
        boolean[] inner = innerRing(circles);
        NodeResult g2 = tester.execute(settings(Map.of("components", 4, "gamma", 2.0)), circles);
        assertArrayEquals(CIRCLES_GAMMA2_EIGENVALUES, eigenvalues(g2), 1e-8);
        assertEquals(1.0, thresholdAccuracy(column(g2, "KPC1"), inner));
        NodeResult g10 = tester.execute(settings(Map.of("components", 4, "gamma", 10.0)), circles);
        // scikit-learn gives 0.794, 0.845, 1.0, 0.622 for the four components.
        assertTrue(thresholdAccuracy(column(g10, "KPC1"), inner) < 0.9);
        assertTrue(thresholdAccuracy(column(g10, "KPC2"), inner) < 0.9);
        assertEquals(1.0, thresholdAccuracy(column(g10, "KPC3"), inner));
        // Plain PCA cannot: a rotation of concentric rings leaves them concentric.
        NodeResult linear = pca.execute(pca.settings(Map.of()), circles);
        assertTrue(thresholdAccuracy(column(linear, "PC1"), inner) < 0.75);
    }

    @Test
    void iterativeEigenvaluesMatchDenseOnAThousandRows() {
        Table circles = Fixtures.circles();
        assertEquals(1000, circles.rowCount());
        var base = Map.of("components", 5, "gamma", 2.0);
        NodeResult dense = tester.execute(settings(with(base, "solver", "DENSE")), circles);
        NodeResult iterative = tester.execute(settings(with(base, "solver", "ITERATIVE")), circles);
        double[] a = eigenvalues(dense);
        double[] b = eigenvalues(iterative);
        for (int c = 0; c < 5; c++) {
            assertEquals(a[c], b[c], 1e-8, "eigenvalue " + c);
            double[] x = column(dense, "KPC" + (c + 1));
            double[] y = column(iterative, "KPC" + (c + 1));
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-6, "component " + c + " row " + i);
            }
        }
    }

    @Test
    void nystroemWithEveryRowAsLandmarkIsExact() {
        Table moons = Fixtures.moons().rows(range(0, 1000, 4));
        int n = moons.rowCount();
        var base = Map.of("components", 3, "gamma", 5.0, "landmarks", n);
        NodeResult exact = tester.execute(settings(with(base, "solver", "DENSE")), moons);
        NodeResult nystroem = tester.execute(settings(with(base, "solver", "NYSTROM")), moons);
        assertArrayEquals(eigenvalues(exact), eigenvalues(nystroem), 1e-7 * eigenvalues(exact)[0]);
        for (int c = 1; c <= 3; c++) {
            assertArrayEquals(column(exact, "KPC" + c), column(nystroem, "KPC" + c), 1e-6);
        }
        // With fewer landmarks it approximates: close, not equal.
        NodeResult rough = tester.execute(settings(with(with(base, "solver", "NYSTROM"), "landmarks", 60)), moons);
        assertEquals(eigenvalues(exact)[0], eigenvalues(rough)[0], 0.05 * eigenvalues(exact)[0]);
    }

    @Test
    void outOfSampleProjectionEqualsTheFittedScores() {
        Table moons = Fixtures.moons().rows(range(0, 1000, 2));
        for (String solver : List.of("DENSE", "ITERATIVE", "NYSTROM")) {
            NodeResult r = tester.execute(settings(Map.of("components", 2, "gamma", 15.0, "solver", solver)), moons);
            Transform t = (Transform) r.outputs().get(1);
            int[] rows = {499, 0, 250, 17};
            Table again = t.apply(moons.rows(rows), TestContext.create());
            for (int c = 1; c <= 2; c++) {
                double[] fitted = column(r, "KPC" + c);
                for (int i = 0; i < rows.length; i++) {
                    assertEquals(fitted[rows[i]], again.column("KPC" + c).getDouble(i), 1e-9, solver);
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameResult() {
        for (String solver : List.of("ITERATIVE", "NYSTROM")) {
            var s = settings(Map.of("gamma", 15.0, "solver", solver, "landmarks", 100, "seed", 7));
            assertArrayEquals(column(tester.execute(s, Fixtures.moons()), "KPC2"),
                    column(tester.execute(s, Fixtures.moons()), "KPC2"), solver);
        }
        var other = settings(Map.of("gamma", 15.0, "solver", "NYSTROM", "landmarks", 100, "seed", 8));
        var seven = settings(Map.of("gamma", 15.0, "solver", "NYSTROM", "landmarks", 100, "seed", 7));
        assertTrue(!Arrays.equals(column(tester.execute(seven, Fixtures.moons()), "KPC1"),
                column(tester.execute(other, Fixtures.moons()), "KPC1")), "a different landmark sample");
    }

    @Test
    void kernelOverTheMemoryLimitNamesRowsSizeAndLimit() {
        // 1,000 rows: 3.8 MB for the upper triangle, 22.9 MB for the dense solver's three full copies.
        var e = assertThrows(InvalidInputException.class, () -> tester.execute(
                settings(Map.of("solver", "ITERATIVE", "maxKernelMegabytes", 2)), Fixtures.circles()));
        assertTrue(e.getMessage().contains("n = 1,000") && e.getMessage().contains(": 3 MB")
                && e.getMessage().contains("= 2 MB") && e.getMessage().contains("NYSTROM"), e.getMessage());
        var dense = assertThrows(InvalidInputException.class, () -> tester.execute(
                settings(Map.of("solver", "DENSE", "maxKernelMegabytes", 20)), Fixtures.circles()));
        assertTrue(dense.getMessage().contains("22 MB"), dense.getMessage());
        // AUTO falls back to Nyström and says so.
        var context = TestContext.create();
        tester.execute(settings(Map.of("maxKernelMegabytes", 2)), context, Fixtures.circles());
        assertTrue(context.warnings().stream().anyMatch(w -> w.contains("Nyström")), context.warnings().toString());
    }

    @Test
    void badInputIsReportedClearly() {
        var missing = assertThrows(InvalidInputException.class,
                () -> tester.execute(settings(Map.of()), Fixtures.irisMissing()));
        assertTrue(missing.getMessage().contains("Missing Values"), missing.getMessage());
        var nominal = assertThrows(InvalidInputException.class,
                () -> tester.configure(settings(Map.of("columns", List.of("x0", "class"))), Fixtures.circles().spec()));
        assertTrue(nominal.getMessage().contains("One-Hot Encoder"), nominal.getMessage());
        Table five = Fixtures.circles().rows(new int[] {0, 1, 2, 3, 4});
        var rows = assertThrows(InvalidInputException.class,
                () -> tester.execute(settings(Map.of("components", 5)), five));
        assertTrue(rows.getMessage().contains("only 5 rows") && rows.getMessage().contains("at most 4"), rows.getMessage());
        var landmarks = assertThrows(InvalidInputException.class,
                () -> tester.execute(settings(Map.of("components", 4, "solver", "NYSTROM", "landmarks", 3)), Fixtures.circles()));
        assertTrue(landmarks.getMessage().contains("'Landmarks' is 3"), landmarks.getMessage());
    }

    @Test
    void cancellationStopsKernelBuildingAndLanczos() {
        // The first report comes while the kernel is built; the second inside the Lanczos loop.
        for (int reports : new int[] {1, 3}) {
            var context = TestContext.create().cancelAfterProgressReports(reports);
            Table big = Fixtures.digits();
            assertThrows(CanceledException.class,
                    () -> tester.execute(settings(Map.of("solver", "ITERATIVE")), context, big));
            assertTrue(context.progressEvents().size() <= reports + 1, context.progressEvents().toString());
        }
        var nys = TestContext.create().cancelAfterProgressReports(1);
        assertThrows(CanceledException.class,
                () -> tester.execute(settings(Map.of("solver", "NYSTROM")), nys, Fixtures.digits()));
    }

    @Test
    void progressIsReportedDuringTheFit() {
        var context = TestContext.create();
        tester.execute(settings(Map.of("solver", "ITERATIVE")), context, Fixtures.digits());
        var messages = context.progressEvents().stream().map(TestContext.ProgressEvent::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Kernel rows")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Lanczos")), messages.toString());
        double last = -1;
        for (var e : context.progressEvents()) {
            assertTrue(e.fraction() >= last - 1e-12, "progress went back: " + context.progressEvents());
            last = e.fraction();
        }
    }

    static Map<String, Object> with(Map<String, ?> base, String key, Object value) {
        var m = new java.util.HashMap<String, Object>(base);
        m.put(key, value);
        return m;
    }

    static int[] range(int from, int to, int step) {
        return java.util.stream.IntStream.iterate(from, i -> i < to, i -> i + step).toArray();
    }
}
