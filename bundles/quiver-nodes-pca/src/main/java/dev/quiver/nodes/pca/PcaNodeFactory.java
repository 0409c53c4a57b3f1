package dev.quiver.nodes.pca;

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
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The PCA node: fits principal components and outputs the projection, the transform, variances and loadings. */
@Component(service = NodeFactory.class)
public final class PcaNodeFactory implements NodeFactory<PcaSettings> {
    public static final String ID = "quiver.pca.pca";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "PCA", "Dimensionality reduction", """
            Principal component analysis. After centring each column (and optionally scaling it to unit \
            variance), the covariance matrix C = XᵀX / (n − 1) is symmetric, so it has orthogonal \
            eigenvectors; the eigenvector with the largest eigenvalue is the direction along which the \
            rows vary most, the next is the direction of largest remaining variance orthogonal to it, and \
            so on. Each eigenvalue is the variance along its direction, so eigenvalue / trace(C) is the \
            share of the variance a component explains. The same directions come from the singular value \
            decomposition X = U S Vᵀ (V's columns; eigenvalues S² / (n − 1)), which avoids forming C. \
            Projecting rows onto the first k directions gives the best k-dimensional linear approximation \
            of the data in squared error: connect the Inverse Transform node to see the reconstruction.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "Rows to analyse.")),
            List.of(PortDescriptor.required("table", PortType.TABLE,
                            "The input with the analysed columns replaced by PC1..PCk (kept with 'Keep original columns')."),
                    PortDescriptor.required("transform", PortType.TRANSFORM,
                            "The fitted PCA: Apply Transform projects new rows the same way; Inverse Transform maps back."),
                    PortDescriptor.required("variance", PortType.TABLE,
                            "One row per component (all of them, not only the kept ones): eigenvalue (variance), "
                                    + "explained variance ratio, cumulative ratio."),
                    PortDescriptor.required("loadings", PortType.TABLE,
                            "One row per analysed column; column PCj holds that column's weight in unit direction j.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PcaSettings> settingsType() {
        return PcaSettings.class;
    }

    @Override
    public PcaSettings defaultSettings() {
        return PcaSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PcaSettings settings, ConfigureContext context) {
        PortSpec in = inputs.get("table", PortSpec.class);
        if (!(in instanceof TableSpec spec)) {
            return unknownOutputs();
        }
        var learner = new PcaLearner(settings);
        var transform = learner.configure(spec);
        Charts.colour(spec, settings.colorColumn());
        if (!(transform instanceof ProjectionSpec projection)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM), Charts.VARIANCE_SPEC,
                    PortSpec.unknown(PortType.TABLE));
        }
        return List.of(projection.apply(spec), projection, Charts.VARIANCE_SPEC, loadingsSpec(projection.outputs()));
    }

    private static List<PortSpec> unknownOutputs() {
        return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM),
                Charts.VARIANCE_SPEC, PortSpec.unknown(PortType.TABLE));
    }

    static TableSpec loadingsSpec(List<String> components) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(ColumnSpec.nominal("feature", ColumnRole.ID, List.of()));
        for (String c : components) {
            cols.add(new ColumnSpec(c, ColumnType.DOUBLE));
        }
        return new TableSpec(cols);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PcaSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        var learner = new PcaLearner(settings);
        var colour = Charts.colour(table.spec(), settings.colorColumn());
        PcaLearner.Fitted fitted = learner.fitWithScores(table, context.subProgress(0, 0.9));
        PcaTransform transform = fitted.transform();
        PcaModel model = transform.model();
        int n = table.rowCount();
        int k = model.k();
        context.progress(0.9, "Building outputs");
        List<DoubleColumn> scoreColumns = ProjectionTables.columns(transform.spec().outputs(), fitted.scores(), n, k);
        Table kept = settings.keepOriginal() ? table : table.drop(transform.spec().features());
        var cols = new ArrayList<>(kept.columns());
        cols.addAll(scoreColumns);
        Table projected = Table.of(cols);

        Table variance = Charts.varianceTable("PC", model.eigenvalues(), model.totalVariance());
        var loadingCols = new ArrayList<dev.quiver.api.table.Column>();
        List<String> features = model.features();
        loadingCols.add(StringColumn.of(ColumnSpec.nominal("feature", ColumnRole.ID, features), features));
        for (int c = 0; c < k; c++) {
            loadingCols.add(DoubleColumn.of("PC" + (c + 1), model.components()[c]));
        }
        Table loadings = Table.of(loadingCols);
        NodeResult result = NodeResult.of(projected, transform, variance, loadings)
                .withChart(Charts.scree(variance, "Scree plot: explained variance per component"));
        var projection = Charts.projection(table, scoreColumns, colour, "PC1 vs PC2");
        if (projection.isPresent()) {
            result = result.withChart(projection.get());
        }
        context.progress(1, "Done");
        return result;
    }
}
