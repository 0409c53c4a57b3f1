package dev.quiver.nodes.stats;

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
import java.util.List;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.osgi.service.component.annotations.Component;

/** Thin singular value decomposition of the numeric part of a table. */
@Component(service = NodeFactory.class)
public final class SvdNodeFactory implements NodeFactory<SvdSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.svd", 1,
            "Singular Value Decomposition", "Mathematics",
            """
            Factorises the m × n matrix A of the chosen columns as A = U·diag(σ)·Vᵀ, with orthonormal columns \
            in U (m × n) and V (n × n) and singular values σ₁ ≥ σ₂ ≥ … ≥ 0. σᵢ² / Σσ² is the share of \
            the sum of squares along each direction (PCA is the SVD of centred columns). With fewer rows than \
            columns, the last n − m singular values are 0, their U columns are 0 and V is completed to an \
            orthonormal basis. Signs of a (uᵢ, vᵢ) pair are arbitrary, as in every SVD routine.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("values", "component, singular_value, share (σ² / Σσ²)."),
                    Support.tableOut("u", "U: one row per input row, columns u_1 … u_n."),
                    Support.tableOut("v", "V: one row per input column (named in `column`), columns v_1 … v_n.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SvdSettings> settingsType() {
        return SvdSettings.class;
    }

    @Override
    public SvdSettings defaultSettings() {
        return SvdSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, SvdSettings s, ConfigureContext context) {
        List<String> names = Support.numericColumns(inputs.get("table", TableSpec.class), s.columns(), "SVD");
        int n = names.size();
        return List.of(valuesSpec(), new TableSpec(Support.numbered("u_", n).stream().map(Support::dbl).toList()),
                Support.labelledMatrixSpec("column", Support.numbered("v_", n)));
    }

    static TableSpec valuesSpec() {
        return TableSpec.of(Support.lng("component"), Support.dbl("singular_value"), Support.dbl("share"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, SvdSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), s.columns(), "SVD");
        RealMatrix a = Matrices.read(table, names, "SVD");
        int m = a.getRowDimension();
        int n = a.getColumnDimension();
        context.progress(0.1, "Decomposing " + m + " × " + n);
        var svd = new SingularValueDecomposition(a);
        int p = Math.min(m, n);
        double[] sigma = new double[n];
        System.arraycopy(svd.getSingularValues(), 0, sigma, 0, p);
        RealMatrix u = MatrixUtils.createRealMatrix(m, n);
        u.setSubMatrix(svd.getU().getData(), 0, 0);
        RealMatrix v = svd.getV();
        if (p < n) {
            // the columns of a full Q from V's QR that V does not span complete the basis of Rⁿ
            RealMatrix q = new QRDecomposition(v).getQ();
            RealMatrix full = MatrixUtils.createRealMatrix(n, n);
            full.setSubMatrix(v.getData(), 0, 0);
            full.setSubMatrix(q.getSubMatrix(0, n - 1, p, n - 1).getData(), 0, p);
            v = full;
            context.warn("The matrix has " + m + " rows and " + n + " columns, so singular values " + (p + 1) + " to "
                    + n + " are 0 and their U columns are 0.");
        }
        double total = 0;
        for (double x : sigma) {
            total += x * x;
        }
        double[] share = new double[n];
        for (int i = 0; i < n; i++) {
            share[i] = total == 0 ? Double.NaN : sigma[i] * sigma[i] / total;
        }
        Table values = Table.of(Support.lng("component", Matrices.oneToN(n)), Support.dbl("singular_value", sigma),
                Support.dbl("share", share));
        var scree = ChartSpec.of("scree", "Singular values", values, ChartSpec.Mark.BAR,
                Channel.x("component", FieldType.ORDINAL), Channel.y("singular_value", FieldType.QUANTITATIVE));
        context.progress(1.0, "Decomposed");
        return NodeResult.of(values, Matrices.table(u, Support.numbered("u_", n)),
                Matrices.labelled("column", names, v, Support.numbered("v_", n))).withChart(scree);
    }
}
