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
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.osgi.service.component.annotations.Component;

/** Least squares two ways: normal equations and the Moore–Penrose pseudoinverse. */
@Component(service = NodeFactory.class)
public final class LeastSquaresNodeFactory implements NodeFactory<LeastSquaresSettings> {

    /** Above this condition number the normal equations lose most of a double's digits; say so. */
    private static final double ILL_CONDITIONED = 1e6;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.least-squares", 1,
            "Least Squares and Pseudoinverse", "Mathematics",
            """
            Solves A·x ≈ b in the least-squares sense (minimising ‖A·x − b‖²) two ways. Normal equations: \
            x = (AᵀA)⁻¹Aᵀb by Cholesky — fast, but forming AᵀA squares the condition number κ(A), so about \
            2·log₁₀ κ digits are lost, and it fails when A's columns are linearly dependent. Pseudoinverse: \
            x = A⁺b with A⁺ = V·diag(1/σ)·Uᵀ from the SVD, dropping singular values ≤ rcond·σ_max — loses only \
            about log₁₀ κ digits and, for rank-deficient A, gives the minimum-norm solution. Both agree on \
            well-conditioned data; compare them to see conditioning at work.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("coefficients", "term, normal_equations, pseudoinverse: one row per column of A."),
                    Support.tableOut("pseudoinverse", "A⁺ transposed, so it has A's shape: row i holds the weight of "
                            + "b_i in each coefficient (x = A⁺b)."),
                    Support.tableOut("diagnostics", "rows, columns, rank, condition_number, and the residual norms "
                            + "‖A·x − b‖ of both solutions.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LeastSquaresSettings> settingsType() {
        return LeastSquaresSettings.class;
    }

    @Override
    public LeastSquaresSettings defaultSettings() {
        return LeastSquaresSettings.defaults();
    }

    private static List<String> columns(TableSpec in, LeastSquaresSettings s) {
        in.requireNumeric(s.target(), "Target column");
        var chosen = s.columns();
        if (chosen.isEmpty()) {
            chosen = in.filter(c -> c.isNumeric() && !c.name().equals(s.target())
                    && c.role() != dev.quiver.api.table.ColumnRole.ID).stream().map(ColumnSpec::name).toList();
            if (chosen.isEmpty()) {
                throw new InvalidInputException("No numeric columns besides the target '" + s.target()
                        + "' (columns: " + TableSpec.names(in.columns()) + "). Least squares needs matrix columns.");
            }
        }
        List<String> names = Support.numericColumns(in, chosen, "Least squares");
        if (names.contains(s.target())) {
            throw new InvalidInputException("The target '" + s.target() + "' is also a matrix column. Remove it from "
                    + "'Matrix columns'.");
        }
        return names;
    }

    private static List<String> terms(List<String> names, boolean intercept) {
        var terms = new ArrayList<String>();
        if (intercept) {
            if (names.contains("intercept")) {
                throw new InvalidInputException("A column is already named 'intercept'. Rename it, or turn off "
                        + "'Add intercept'.");
            }
            terms.add("intercept");
        }
        terms.addAll(names);
        return terms;
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LeastSquaresSettings s, ConfigureContext context) {
        List<String> terms = terms(columns(inputs.get("table", TableSpec.class), s), s.intercept());
        return List.of(coefficientsSpec(), new TableSpec(terms.stream().map(Support::dbl).toList()), diagnosticsSpec());
    }

    static TableSpec coefficientsSpec() {
        return TableSpec.of(Support.str("term"), Support.dbl("normal_equations"), Support.dbl("pseudoinverse"));
    }

    static TableSpec diagnosticsSpec() {
        return TableSpec.of(Support.lng("rows"), Support.lng("columns"), Support.lng("rank"),
                Support.dbl("condition_number"), Support.dbl("residual_norm_normal_equations"),
                Support.dbl("residual_norm_pseudoinverse"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LeastSquaresSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = columns(table.spec(), s);
        List<String> terms = terms(names, s.intercept());
        var all = new ArrayList<>(names);
        all.add(s.target());
        double[][] data = Matrices.read(table, all, "Least squares").getData();
        int m = data.length;
        int n = terms.size();
        RealMatrix a = MatrixUtils.createRealMatrix(m, n);
        RealVector b = new ArrayRealVector(m);
        int offset = s.intercept() ? 1 : 0;
        for (int i = 0; i < m; i++) {
            if (s.intercept()) {
                a.setEntry(i, 0, 1.0);
            }
            for (int j = 0; j < names.size(); j++) {
                a.setEntry(i, j + offset, data[i][j]);
            }
            b.setEntry(i, data[i][names.size()]);
        }
        if (m < n) {
            context.warn("A has " + m + " rows but " + n + " columns: the system is under-determined, so the "
                    + "pseudoinverse gives the minimum-norm solution among infinitely many exact ones.");
        }
        RealMatrix pinv = pseudoinverse(a, s.rcond());
        RealVector xPinv = pinv.operate(b);
        double[] sigma = new SingularValueDecomposition(a).getSingularValues();
        int rank = rank(sigma, s.rcond());
        // σ_max / σ_min over the min(m, n) singular values, as numpy.linalg.cond
        double condition = sigma[sigma.length - 1] == 0 ? Double.POSITIVE_INFINITY : sigma[0] / sigma[sigma.length - 1];

        RealVector xNormal;
        try {
            xNormal = new CholeskyDecomposition(a.transposeMultiply(a)).getSolver().solve(a.transpose().operate(b));
        } catch (MathIllegalArgumentException e) {
            xNormal = new ArrayRealVector(n, Double.NaN);
            context.warn("The normal equations AᵀA·x = Aᵀb have no unique solution (AᵀA is singular or not positive "
                    + "definite: the columns of A are linearly dependent, rank " + rank + " of " + n + "). Only the "
                    + "pseudoinverse solution is given.");
        }
        if (condition > ILL_CONDITIONED && rank == n) {
            context.warn("A is ill-conditioned (condition number " + Support.fmt(condition) + "): the normal equations "
                    + "may have lost about " + Math.round(2 * Math.log10(condition)) + " of 16 digits; prefer the "
                    + "pseudoinverse solution, or rescale the columns.");
        }
        Table coefficients = Table.of(Support.str("term", terms), Support.dbl("normal_equations", xNormal.toArray()),
                Support.dbl("pseudoinverse", xPinv.toArray()));
        Table diagnostics = Table.of(Support.lng("rows", new long[] {m}), Support.lng("columns", new long[] {n}),
                Support.lng("rank", new long[] {rank}), Support.dbl("condition_number", new double[] {condition}),
                Support.dbl("residual_norm_normal_equations",
                        new double[] {a.operate(xNormal).subtract(b).getNorm()}),
                Support.dbl("residual_norm_pseudoinverse", new double[] {a.operate(xPinv).subtract(b).getNorm()}));
        context.progress(1.0, "Solved");
        return NodeResult.of(coefficients, Matrices.table(pinv.transpose(), terms), diagnostics);
    }

    /** A⁺ = V·diag(1/σ)·Uᵀ over the singular values above rcond·σ_max. */
    static RealMatrix pseudoinverse(RealMatrix a, double rcond) {
        var svd = new SingularValueDecomposition(a);
        double[] sigma = svd.getSingularValues();
        double cutoff = rcond * sigma[0];
        RealMatrix scaled = svd.getV().copy();
        for (int k = 0; k < sigma.length; k++) {
            double inv = sigma[k] > cutoff ? 1 / sigma[k] : 0.0;
            for (int i = 0; i < scaled.getRowDimension(); i++) {
                scaled.multiplyEntry(i, k, inv);
            }
        }
        RealMatrix out = scaled.multiply(svd.getUT());
        return out;
    }

    static int rank(double[] sigma, double rcond) {
        int r = 0;
        for (double x : sigma) {
            if (x > rcond * sigma[0]) {
                r++;
            }
        }
        return r;
    }
}
