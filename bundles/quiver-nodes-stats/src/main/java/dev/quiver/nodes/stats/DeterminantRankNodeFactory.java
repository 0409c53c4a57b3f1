package dev.quiver.nodes.stats;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.osgi.service.component.annotations.Component;

/** Numerical rank (from singular values) and, for square matrices, the determinant (from LU). */
@Component(service = NodeFactory.class)
public final class DeterminantRankNodeFactory implements NodeFactory<DeterminantRankSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.determinant-rank", 1,
            "Determinant and Rank", "Mathematics",
            """
            The rank is the number of singular values above the tolerance: how many columns are linearly \
            independent in floating point (exact rank is meaningless once data are rounded). The determinant \
            of a square matrix is the product of the LU pivots, with sign from the row swaps; it is the volume \
            scale of the linear map, 0 for singular matrices, and not given for non-square ones. The condition \
            number κ = σ_max / σ_min (over the min(m, n) singular values, as `numpy.linalg.cond`) says how \
            many digits a solve with this matrix may lose (about log₁₀ κ).""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("result", "One row: rows, columns, rank, tolerance, determinant, "
                    + "condition_number.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<DeterminantRankSettings> settingsType() {
        return DeterminantRankSettings.class;
    }

    @Override
    public DeterminantRankSettings defaultSettings() {
        return DeterminantRankSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, DeterminantRankSettings s, ConfigureContext context) {
        Support.numericColumns(inputs.get("table", TableSpec.class), s.columns(), "Determinant and Rank");
        return List.of(outputSpec());
    }

    static TableSpec outputSpec() {
        return TableSpec.of(Support.lng("rows"), Support.lng("columns"), Support.lng("rank"), Support.dbl("tolerance"),
                Support.dbl("determinant"), Support.dbl("condition_number"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, DeterminantRankSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), s.columns(), "Determinant and Rank");
        RealMatrix a = Matrices.read(table, names, "Determinant and Rank");
        int m = a.getRowDimension();
        int n = a.getColumnDimension();
        double[] sigma = new SingularValueDecomposition(a).getSingularValues();
        double tol = s.tolerance() > 0 ? s.tolerance() : sigma[0] * Math.max(m, n) * Math.ulp(1.0);
        long rank = java.util.Arrays.stream(sigma).filter(x -> x > tol).count();
        // σ_max / σ_min over the min(m, n) singular values, as numpy.linalg.cond
        double smallest = sigma[sigma.length - 1];
        double condition = smallest == 0 ? Double.POSITIVE_INFINITY : sigma[0] / smallest;
        double det = Double.NaN;
        if (m == n) {
            // LU with a zero singularity threshold: a tiny pivot is a tiny determinant, not an error
            det = new LUDecomposition(a, 0.0).getDeterminant();
        } else {
            context.warn("The matrix is " + m + " × " + n + ", not square, so it has no determinant; only the rank "
                    + "is given.");
        }
        context.progress(1.0, "Rank " + rank);
        return NodeResult.of(Table.of(Support.lng("rows", new long[] {m}), Support.lng("columns", new long[] {n}),
                Support.lng("rank", new long[] {rank}), Support.dbl("tolerance", new double[] {tol}),
                Support.dbl("determinant", new double[] {det}),
                Support.dbl("condition_number", new double[] {condition})));
    }
}
