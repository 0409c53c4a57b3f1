package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The Inverse Transform node: PCA scores back to the original feature space, with the reconstruction error. */
@Component(service = NodeFactory.class)
public final class InverseTransformNodeFactory implements NodeFactory<InverseTransformSettings> {
    public static final String ID = "quiver.pca.inverse-transform";
    public static final String ERROR_COLUMN = "reconstruction_error";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "PCA Inverse Transform",
            "Dimensionality reduction", """
            Maps principal-component scores back to the original columns: x̂ = mean + scale ⊙ (Σⱼ scoreⱼ vⱼ), \
            with vⱼ the unit directions of the fitted PCA (undoing whitening first). Keeping k of d components \
            is lossy compression: x̂ is the closest point to x in the k-dimensional subspace, and when the \
            original columns are present the squared error ‖x − x̂‖² is written per row to \
            'reconstruction_error' (its mean over the training rows equals the sum of the discarded \
            eigenvalues × (n − 1) / n, for unscaled PCA). Kernel PCA has no exact inverse (the pre-image \
            problem), so only linear PCA transforms are accepted.""",
            List.of(PortDescriptor.required("transform", PortType.TRANSFORM, "The fitted transform of a PCA node."),
                    PortDescriptor.required("table", PortType.TABLE, "Rows with the component columns PC1..PCk.")),
            List.of(PortDescriptor.required("table", PortType.TABLE,
                    "The input with the components replaced by the reconstructed columns (replacing the originals when "
                            + "present) and, when the originals were present, the per-row squared error.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<InverseTransformSettings> settingsType() {
        return InverseTransformSettings.class;
    }

    @Override
    public InverseTransformSettings defaultSettings() {
        return InverseTransformSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, InverseTransformSettings settings, ConfigureContext context) {
        PortSpec t = inputs.get("transform", PortSpec.class);
        PortSpec in = inputs.get("table", PortSpec.class);
        if (!(t instanceof TransformSpec ts) || !(in instanceof TableSpec table)) {
            return List.of(PortSpec.unknown(PortType.TABLE));
        }
        return List.of(outputSpec(pca(ts), table, settings));
    }

    private static ProjectionSpec pca(TransformSpec spec) {
        if (spec instanceof ProjectionSpec p && p.invertible()) {
            return p;
        }
        if (spec instanceof ProjectionSpec p) {
            throw new InvalidInputException("The connected transform is a " + p.name() + ", which has no exact inverse "
                    + "(the pre-image problem). Connect the 'transform' output of a PCA node.");
        }
        throw new InvalidInputException("The connected transform is '" + spec.name() + "', not a PCA. Connect the "
                + "'transform' output of a PCA node.");
    }

    private static boolean hasOriginals(ProjectionSpec p, TableSpec table) {
        return p.features().stream().allMatch(f -> table.find(f).map(ColumnSpec::isNumeric).orElse(false));
    }

    private static TableSpec outputSpec(ProjectionSpec p, TableSpec table, InverseTransformSettings settings) {
        var absent = p.outputs().stream().filter(o -> !table.contains(o)).toList();
        if (!absent.isEmpty()) {
            throw new InvalidInputException("Inverse Transform needs the component column(s) " + String.join(", ", absent)
                    + " (available: " + TableSpec.names(table.columns()) + "). Feed it the 'table' output of the PCA, or "
                    + "the output of Apply Transform with the same PCA.");
        }
        for (String o : p.outputs()) {
            ColumnSpec c = table.find(o).orElseThrow();
            if (!c.isNumeric()) {
                throw new InvalidInputException("Component column '" + o + "' is " + c.type().label()
                        + ", but scores are numbers. Feed Inverse Transform the PCA's output table.");
            }
        }
        TableSpec base = settings.keepComponents() ? table : table.without(p.outputs());
        var replaced = new ArrayList<ColumnSpec>();
        for (String f : p.features()) {
            replaced.add(new ColumnSpec(f, ColumnType.DOUBLE));
        }
        if (hasOriginals(p, table)) {
            replaced.add(new ColumnSpec(ERROR_COLUMN, ColumnType.DOUBLE));
            if (base.contains(ERROR_COLUMN)) {
                base = base.without(List.of(ERROR_COLUMN));
            }
        }
        return base.withColumns(replaced);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, InverseTransformSettings settings, ExecutionContext context) {
        Transform transform = inputs.get("transform", Transform.class);
        Table table = inputs.get("table", Table.class);
        ProjectionSpec p = pca(transform.spec());
        if (!(transform instanceof PcaTransform pca)) {
            throw new InvalidInputException("The connected transform is '" + transform.spec().name()
                    + "', not a PCA. Connect the 'transform' output of a PCA node.");
        }
        TableSpec out = outputSpec(p, table.spec(), settings);
        PcaModel model = pca.model();
        int n = table.rowCount();
        int d = model.features().size();
        context.checkCanceled();
        context.progress(0.1, "Reconstructing " + n + " rows");
        double[] scores = FeatureData.read(table, p.outputs(), "Inverse Transform");
        double[] x = model.reconstruct(scores, n);
        var cols = new ArrayList<Column>();
        for (int a = 0; a < d; a++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = x[i * d + a];
            }
            cols.add(DoubleColumn.wrap(new ColumnSpec(model.features().get(a), ColumnType.DOUBLE), v));
        }
        if (out.contains(ERROR_COLUMN) && hasOriginals(p, table.spec())) {
            double[] orig = FeatureData.read(table, model.features(), "Inverse Transform");
            double[] err = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    double e = orig[i * d + a] - x[i * d + a];
                    s += e * e;
                }
                err[i] = s;
            }
            cols.add(DoubleColumn.wrap(new ColumnSpec(ERROR_COLUMN, ColumnType.DOUBLE), err));
        }
        Table base = settings.keepComponents() ? table : table.drop(p.outputs());
        if (base.spec().contains(ERROR_COLUMN)) {
            base = base.drop(List.of(ERROR_COLUMN));
        }
        context.progress(1, "Done");
        return NodeResult.of(base.withColumns(cols));
    }
}
