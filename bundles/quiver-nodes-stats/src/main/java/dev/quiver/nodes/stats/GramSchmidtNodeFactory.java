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
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.osgi.service.component.annotations.Component;

/** Modified Gram–Schmidt QR of the chosen columns. */
@Component(service = NodeFactory.class)
public final class GramSchmidtNodeFactory implements NodeFactory<GramSchmidtSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.gram-schmidt", 1,
            "Gram–Schmidt Orthonormalisation", "Mathematics",
            """
            Turns the columns a₁ … aₙ into orthonormal columns q₁ … qₙ spanning the same spaces step by step \
            (A = Q·R with R upper triangular): each column has its components along the earlier q's removed, \
            one at a time (the *modified* Gram–Schmidt order, which is far more stable than the classical one), \
            then is scaled to length 1. A second pass re-orthogonalises ("twice is enough"), so QᵀQ = I to \
            about 1e-15 even for nearly dependent columns. A column that depends linearly on the earlier ones \
            has no new direction: the node stops with an error naming it.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("q", "Q: the orthonormal columns, under the input column names."),
                    Support.tableOut("r", "R: upper triangular, one row per column (named in `column`); A = Q·R.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<GramSchmidtSettings> settingsType() {
        return GramSchmidtSettings.class;
    }

    @Override
    public GramSchmidtSettings defaultSettings() {
        return GramSchmidtSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, GramSchmidtSettings s, ConfigureContext context) {
        List<String> names = Support.numericColumns(inputs.get("table", TableSpec.class), s.columns(), "Gram–Schmidt");
        return List.of(new TableSpec(names.stream().map(Support::dbl).toList()),
                Support.labelledMatrixSpec("column", names));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, GramSchmidtSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), s.columns(), "Gram–Schmidt");
        RealMatrix a = Matrices.read(table, names, "Gram–Schmidt");
        int m = a.getRowDimension();
        int n = a.getColumnDimension();
        if (m < n) {
            throw new InvalidInputException("Gram–Schmidt cannot find " + n + " orthonormal columns in " + m
                    + " dimensions: the table has " + m + " rows but " + n + " columns. Choose at most " + m
                    + " columns, or use more rows.");
        }
        RealMatrix q = MatrixUtils.createRealMatrix(m, n);
        RealMatrix r = MatrixUtils.createRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            context.checkCanceled();
            RealVector v = a.getColumnVector(j);
            double original = v.getNorm();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    RealVector qk = q.getColumnVector(k);
                    double c = qk.dotProduct(v);
                    r.addToEntry(k, j, c);
                    v = v.subtract(qk.mapMultiply(c));
                }
            }
            double norm = v.getNorm();
            if (original == 0 || norm <= s.tolerance() * original) {
                throw new InvalidInputException("Column '" + names.get(j) + "' is linearly dependent on "
                        + (j == 0 ? "nothing — it is all zeros" : "the columns before it (" + String.join(", ",
                        names.subList(0, j)) + ")") + ": only " + Support.fmt(original == 0 ? 0 : norm / original)
                        + " of its length is a new direction (tolerance " + Support.fmt(s.tolerance())
                        + "). Remove it, or reorder the columns.");
            }
            r.setEntry(j, j, norm);
            q.setColumnVector(j, v.mapDivide(norm));
            context.progress((j + 1.0) / n, "Orthonormalised " + names.get(j));
        }
        return NodeResult.of(Matrices.table(q, names), Matrices.labelled("column", names, r, names));
    }
}
