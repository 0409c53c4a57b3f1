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
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.osgi.service.component.annotations.Component;

/** Eigenvalues and orthonormal eigenvectors of a symmetric matrix given as a table. */
@Component(service = NodeFactory.class)
public final class EigenNodeFactory implements NodeFactory<EigenSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.eigen", 1,
            "Symmetric Eigendecomposition", "Mathematics",
            """
            Factorises a real symmetric n × n matrix as A = V·diag(λ)·Vᵀ: real eigenvalues λ₁ ≥ … ≥ λₙ and \
            orthonormal eigenvectors (the columns of V), so A·vᵢ = λᵢ·vᵢ. Feed it a covariance or correlation \
            matrix (for example the `matrix` output of Correlation Matrix, whose key column is ignored) to get \
            principal axes. Non-symmetric input is refused: its eigenvalues may be complex. Eigenvector signs \
            are arbitrary.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("values", "component, eigenvalue (largest first)."),
                    Support.tableOut("vectors", "One row per matrix row (named in `column`), columns v_1 … v_n: "
                            + "column i is the eigenvector of eigenvalue i.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<EigenSettings> settingsType() {
        return EigenSettings.class;
    }

    @Override
    public EigenSettings defaultSettings() {
        return EigenSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, EigenSettings s, ConfigureContext context) {
        List<String> names = Support.numericColumns(inputs.get("table", TableSpec.class), s.columns(),
                "Symmetric Eigendecomposition");
        return List.of(TableSpec.of(Support.lng("component"), Support.dbl("eigenvalue")),
                Support.labelledMatrixSpec("column", Support.numbered("v_", names.size())));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, EigenSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), s.columns(), "Symmetric Eigendecomposition");
        RealMatrix a = Matrices.read(table, names, "Symmetric Eigendecomposition");
        int n = names.size();
        if (a.getRowDimension() != n) {
            throw new InvalidInputException("The eigendecomposition needs a square matrix, but the table has "
                    + a.getRowDimension() + " rows and " + n + " chosen columns. Choose as many columns as there are "
                    + "rows (for a data table, compute its covariance or correlation matrix first).");
        }
        checkSymmetric(a, names, s.symmetryTolerance());
        var eig = new EigenDecompositionSymmetric(a, EigenDecompositionSymmetric.DEFAULT_EPSILON, true);
        Table values = Table.of(Support.lng("component", Matrices.oneToN(n)),
                Support.dbl("eigenvalue", eig.getEigenvalues().clone()));
        context.progress(1.0, "Decomposed " + n + " × " + n);
        return NodeResult.of(values, Matrices.labelled("column", names, eig.getV(), Support.numbered("v_", n)));
    }

    static void checkSymmetric(RealMatrix a, List<String> names, double tolerance) {
        int n = a.getRowDimension();
        double scale = Math.max(1.0, maxAbs(a));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = Math.abs(a.getEntry(i, j) - a.getEntry(j, i));
                if (d > tolerance * scale) {
                    throw new InvalidInputException("The matrix is not symmetric: row " + (i + 1) + ", column '"
                            + names.get(j) + "' is " + Support.fmt(a.getEntry(i, j)) + " but row " + (j + 1)
                            + ", column '" + names.get(i) + "' is " + Support.fmt(a.getEntry(j, i)) + " (difference "
                            + Support.fmt(d) + " > tolerance " + Support.fmt(tolerance * scale) + "). Use a symmetric "
                            + "matrix such as a covariance matrix, or raise 'Symmetry tolerance'.");
                }
            }
        }
    }

    private static double maxAbs(RealMatrix a) {
        double max = 0;
        for (double[] row : a.getData()) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }
}
