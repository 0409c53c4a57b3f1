package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference values: numpy 1.24.2 (numpy.linalg.svd, eigvalsh, lstsq, pinv, det, qr) on the fixtures. */
class LinearAlgebraTest {
    static final List<String> IRIS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    /** A table's numeric columns (those named) as a row-major matrix. */
    static double[][] matrix(Table t, List<String> names) {
        return t.toRowMajor(names);
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static void assertMatrix(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + " [" + i + "][" + j + "]");
            }
        }
    }

    static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    static Table small(double[][] rows, String... names) {
        var cols = new ArrayList<Column>();
        for (int j = 0; j < names.length; j++) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = rows[i][j];
            }
            cols.add(DoubleColumn.of(names[j], v));
        }
        return Table.of(cols);
    }

    // ---- SVD

    private final NodeTester<SvdSettings> svd = NodeTester.of(new SvdNodeFactory());

    @Test
    void svdMatchesNumpyAndReconstructs() {
        assertEquals(List.of("u_1", "u_2", "u_3", "u_4"),
                ((TableSpec) svd.configure(svd.settings(Map.of()), Fixtures.iris().spec()).get(1)).names());
        NodeResult r = svd.execute(svd.settings(Map.of()), Fixtures.iris());
        Table values = (Table) r.outputs().get(0);
        double[] expected = {95.95991387196455, 17.76103365732857, 3.460930930386974, 1.8848263059180452};
        for (int i = 0; i < 4; i++) {
            close(expected[i], cell(values, i, "singular_value"), "sigma " + (i + 1));
        }
        checkFactorisation(r, matrix(Fixtures.iris(), IRIS), 4);
    }

    @Test
    void svdOfAWideMatrixCompletesV() {
        double[][] w = {{1, 2, 3, 4, 5}, {2, 0, 1, 0, 3}, {0, 1, 1, 1, 1}};
        var ctx = TestContext.create();
        NodeResult r = svd.execute(svd.settings(Map.of()), ctx, small(w, "a", "b", "c", "d", "e"));
        Table values = (Table) r.outputs().get(0);
        double[] expected = {8.154440195166316, 2.5050012727816298, 0.47966001169406774, 0, 0};
        for (int i = 0; i < 5; i++) {
            close(expected[i], cell(values, i, "singular_value"), "sigma " + (i + 1));
        }
        checkFactorisation(r, w, 5);
        assertTrue(ctx.warnings().get(0).contains("singular values 4 to 5 are 0"), ctx.warnings().toString());
    }

    /** A = U·diag(σ)·Vᵀ to 1e-9 and VᵀV = I, and UᵀU = I over the non-zero singular values, to 1e-12. */
    private static void checkFactorisation(NodeResult r, double[][] a, int n) {
        Table values = (Table) r.outputs().get(0);
        double[][] u = matrix((Table) r.outputs().get(1), Support.numbered("u_", n));
        double[][] v = matrix((Table) r.outputs().get(2), Support.numbered("v_", n));
        double[][] us = new double[u.length][n];
        int nonZero = 0;
        for (int k = 0; k < n; k++) {
            double s = cell(values, k, "singular_value");
            nonZero += s > 0 ? 1 : 0;
            for (int i = 0; i < u.length; i++) {
                us[i][k] = u[i][k] * s;
            }
        }
        assertMatrix(a, multiply(us, transpose(v)), 1e-9, "U S Vt");
        assertMatrix(identity(n), multiply(transpose(v), v), 1e-12, "Vt V");
        double[][] utu = multiply(transpose(u), u);
        for (int i = 0; i < nonZero; i++) {
            for (int j = 0; j < nonZero; j++) {
                assertEquals(i == j ? 1 : 0, utu[i][j], 1e-12, "Ut U");
            }
        }
    }

    // ---- symmetric eigendecomposition

    private final NodeTester<EigenSettings> eigen = NodeTester.of(new EigenNodeFactory());

    // numpy.linalg.eigvalsh(numpy.cov(iris features)) reversed
    @Test
    void eigenOfTheCovarianceMatrix() {
        var corr = NodeTester.of(new CorrelationNodeFactory());
        Table cov = (Table) corr.execute(corr.settings(Map.of("method", "COVARIANCE")), Fixtures.iris()).outputs().get(1);
        NodeResult r = eigen.execute(eigen.settings(Map.of()), cov);
        Table values = (Table) r.outputs().get(0);
        double[] expected = {4.228241706034867, 0.24267074792863383, 0.07820950004291927, 0.023835092973449473};
        for (int i = 0; i < 4; i++) {
            close(expected[i], cell(values, i, "eigenvalue"), "lambda " + (i + 1));
        }
        double[][] a = matrix(cov, IRIS);
        double[][] v = matrix((Table) r.outputs().get(1), Support.numbered("v_", 4));
        double[][] av = multiply(a, v);
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[k] * v[i][k], av[i][k], 1e-12, "A v = lambda v");
            }
        }
        assertMatrix(identity(4), multiply(transpose(v), v), 1e-12, "Vt V");
    }

    @Test
    void eigenRejectsNonSymmetricAndNonSquare() {
        Table notSymmetric = small(new double[][] {{1, 2}, {3, 1}}, "a", "b");
        fails(() -> eigen.execute(eigen.settings(Map.of()), notSymmetric), "not symmetric", "row 1, column 'b' is 2.00000",
                "row 2, column 'a' is 3.00000");
        fails(() -> eigen.execute(eigen.settings(Map.of()), Fixtures.iris()), "square", "150 rows and 4");
        // within tolerance passes
        Table nearly = small(new double[][] {{1, 2}, {2 + 1e-12, 1}}, "a", "b");
        Table values = (Table) eigen.execute(eigen.settings(Map.of()), nearly).outputs().get(0);
        close(3.0, cell(values, 0, "eigenvalue"), "lambda 1");
    }

    // ---- least squares

    private final NodeTester<LeastSquaresSettings> lsq = NodeTester.of(new LeastSquaresNodeFactory());

    // numpy.linalg.lstsq([1, malic_acid, ash, magnesium, flavanoids, color_intensity], alcohol); numpy.linalg.pinv
    @Test
    void leastSquaresSolvesAnOverdeterminedSystem() {
        var s = lsq.settings(Map.of("columns", List.of("malic_acid", "ash", "magnesium", "flavanoids", "color_intensity"),
                "target", "alcohol", "intercept", true));
        assertEquals(List.of("intercept", "malic_acid", "ash", "magnesium", "flavanoids", "color_intensity"),
                ((TableSpec) lsq.configure(s, Fixtures.wine().spec()).get(1)).names());
        NodeResult r = lsq.execute(s, Fixtures.wine());
        Table c = (Table) r.outputs().get(0);
        double[] expected = {10.811568462638823, 0.08143642992674992, -0.07125351741732822, 0.005628599125430775,
            0.2959323992870498, 0.19878577714301304};
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], cell(c, i, "pseudoinverse"), "pinv x" + i);
            close(expected[i], cell(c, i, "normal_equations"), "normal x" + i);
        }
        Table pinvT = (Table) r.outputs().get(1);
        assertEquals(178, pinvT.rowCount());
        close(-0.05620010070083228, cell(pinvT, 0, "intercept"), "pinv[0][0]");
        close(0.03804654833392024, cell(pinvT, 1, "intercept"), "pinv[0][1]");
        close(-0.0450108077326267, cell(pinvT, 2, "intercept"), "pinv[0][2]");
        Table d = (Table) r.outputs().get(2);
        assertEquals(6, cell(d, 0, "rank"));
        close(8.163771512675318, cell(d, 0, "residual_norm_pseudoinverse"), "residual");
        close(1050.6735575426412, cell(d, 0, "condition_number"), "condition");
    }

    // numpy.linalg.pinv([ash, magnesium, 2 * ash]) @ alcohol: the minimum-norm solution
    @Test
    void rankDeficientSystemGetsMinimumNormSolution() {
        Table wine = Fixtures.wine();
        double[] twice = new double[wine.rowCount()];
        for (int i = 0; i < twice.length; i++) {
            twice[i] = 2 * wine.column("ash").getDouble(i);
        }
        Table data = wine.withColumn(DoubleColumn.of("ash2", twice));
        var ctx = TestContext.create();
        NodeResult r = lsq.execute(lsq.settings(Map.of("columns", List.of("ash", "magnesium", "ash2"),
                "target", "alcohol", "rcond", 1e-10)), ctx, data);
        Table c = (Table) r.outputs().get(0);
        close(0.6622873608393925, cell(c, 0, "pseudoinverse"), "ash");
        close(0.050683023740595745, cell(c, 1, "pseudoinverse"), "magnesium");
        close(1.3245747216787853, cell(c, 2, "pseudoinverse"), "ash2");
        assertTrue(Double.isNaN(cell(c, 0, "normal_equations")));
        assertEquals(2, cell((Table) r.outputs().get(2), 0, "rank"));
        assertTrue(ctx.warnings().get(0).contains("linearly dependent, rank 2 of 3"), ctx.warnings().toString());
    }

    @Test
    void leastSquaresBadInput() {
        fails(() -> lsq.configure(lsq.settings(Map.of()), Fixtures.wine().spec()), "Target column is not set");
        fails(() -> lsq.configure(lsq.settings(Map.of("target", "class")), Fixtures.wine().spec()),
                "'class' is a string column");
        fails(() -> lsq.configure(lsq.settings(Map.of("target", "ash", "columns", List.of("ash", "hue"))),
                Fixtures.wine().spec()), "also a matrix column");
        fails(() -> lsq.execute(lsq.settings(Map.of("target", "petal_width")), Fixtures.irisMissing()),
                "has a missing value in row", "Missing Values");
    }

    // ---- Gram–Schmidt

    private final NodeTester<GramSchmidtSettings> gs = NodeTester.of(new GramSchmidtNodeFactory());

    // |diag(R)| and |R[0][1]| from numpy.linalg.qr(iris features)
    @Test
    void gramSchmidtIsOrthonormalAndReconstructs() {
        NodeResult r = gs.execute(gs.settings(Map.of()), Fixtures.iris());
        double[][] q = matrix((Table) r.outputs().get(0), IRIS);
        Table rt = (Table) r.outputs().get(1);
        double[][] rm = matrix(rt, IRIS);
        assertMatrix(identity(4), multiply(transpose(q), q), 1e-12, "Qt Q");
        assertMatrix(matrix(Fixtures.iris(), IRIS), multiply(q, rm), 1e-9, "Q R");
        double[] diag = {72.27620631992247, 7.887226845405895, 8.35634960152239, 2.333920569314362};
        for (int i = 0; i < 4; i++) {
            close(diag[i], rm[i][i], "R diagonal " + i);
        }
        close(36.98907477471029, rm[0][1], "R[0][1]");
        assertEquals(0.0, cell(rt, row(rt, "petal_width"), "sepal_length"), "R is upper triangular");
    }

    @Test
    void gramSchmidtStaysOrthonormalForNearlyDependentColumns() {
        double[][] a = new double[50][3];
        for (int i = 0; i < 50; i++) {
            a[i][0] = 1;
            a[i][1] = 1 + 1e-7 * i;
            a[i][2] = 1 + 1e-7 * i * i;
        }
        NodeResult r = gs.execute(gs.settings(Map.of("tolerance", 1e-13)), small(a, "a", "b", "c"));
        double[][] q = matrix((Table) r.outputs().get(0), List.of("a", "b", "c"));
        assertMatrix(identity(3), multiply(transpose(q), q), 1e-12, "Qt Q");
    }

    @Test
    void gramSchmidtRejectsDependentColumns() {
        Table iris = Fixtures.iris();
        double[] sum = new double[iris.rowCount()];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = iris.column("sepal_length").getDouble(i) + iris.column("petal_length").getDouble(i);
        }
        Table data = iris.withColumn(DoubleColumn.of("total", sum));
        fails(() -> gs.execute(gs.settings(Map.of()), data), "Column 'total' is linearly dependent",
                "sepal_length, sepal_width, petal_length, petal_width");
        fails(() -> gs.execute(gs.settings(Map.of()), small(new double[][] {{1, 2, 3}}, "a", "b", "c")),
                "1 rows but 3 columns");
    }

    // ---- determinant and rank

    private final NodeTester<DeterminantRankSettings> det = NodeTester.of(new DeterminantRankNodeFactory());

    // numpy.linalg.det / matrix_rank / cond of the 5 x 5 Hilbert matrix
    @Test
    void determinantAndRankOfHilbert() {
        double[][] h = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        Table t = (Table) det.execute(det.settings(Map.of()), small(h, "a", "b", "c", "d", "e")).outputs().get(0);
        assertEquals(3.749295132489812e-12, cell(t, 0, "determinant"), 1e-9 * 3.749295132489812e-12, "det");
        assertEquals(5, cell(t, 0, "rank"));
        assertEquals(476607.2502425855, cell(t, 0, "condition_number"), 1e-6 * 476607.2502425855, "cond");
        Table small = (Table) det.execute(det.settings(Map.of("columns", List.of("sepal_length", "sepal_width",
                "petal_length", "petal_width"))), Fixtures.iris().slice(0, 4)).outputs().get(0);
        close(0.0061999999999999954, cell(small, 0, "determinant"), "det of the first 4 iris rows");
    }

    @Test
    void configurePredictsTheMatrixOutputsFromSpecsAlone() {
        TableSpec iris = Fixtures.iris().spec();
        var e = eigen.configure(eigen.settings(Map.of()), iris);
        assertEquals(List.of("component", "eigenvalue"), ((TableSpec) e.get(0)).names());
        assertEquals(List.of("column", "v_1", "v_2", "v_3", "v_4"), ((TableSpec) e.get(1)).names());
        var g = gs.configure(gs.settings(Map.of("columns", List.of("petal_width", "sepal_length"))), iris);
        assertEquals(List.of("petal_width", "sepal_length"), ((TableSpec) g.get(0)).names());
        assertEquals(List.of("column", "petal_width", "sepal_length"), ((TableSpec) g.get(1)).names());
        assertEquals(DeterminantRankNodeFactory.outputSpec(), det.configure(det.settings(Map.of()), iris).get(0));
        fails(() -> gs.configure(gs.settings(Map.of("columns", List.of("class"))), iris), "'class' is a string column");
    }

    // numpy.linalg.cond / matrix_rank of a 3 x 5 matrix
    @Test
    void rankAndConditionOfAWideMatrix() {
        double[][] w = {{1, 2, 3, 4, 5}, {2, 0, 1, 0, 3}, {0, 1, 1, 1, 1}};
        Table t = (Table) det.execute(det.settings(Map.of()), small(w, "a", "b", "c", "d", "e")).outputs().get(0);
        assertEquals(3, cell(t, 0, "rank"));
        close(17.000458650631284, cell(t, 0, "condition_number"), "cond");
        assertTrue(Double.isNaN(cell(t, 0, "determinant")));
    }

    @Test
    void rankOfADependentTable() {
        Table iris = Fixtures.iris();
        double[] sum = new double[iris.rowCount()];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = iris.column("sepal_length").getDouble(i) - 2 * iris.column("petal_width").getDouble(i);
        }
        var ctx = TestContext.create();
        Table t = (Table) det.execute(det.settings(Map.of()), ctx, iris.withColumn(DoubleColumn.of("combo", sum)))
                .outputs().get(0);
        assertEquals(4, cell(t, 0, "rank"));
        assertEquals(5, cell(t, 0, "columns"));
        assertTrue(Double.isNaN(cell(t, 0, "determinant")));
        assertTrue(ctx.warnings().get(0).contains("not square"), ctx.warnings().toString());
        fails(() -> det.configure(det.settings(Map.of("columns", List.of("class"))), iris.spec()),
                "'class' is a string column");
    }
}
