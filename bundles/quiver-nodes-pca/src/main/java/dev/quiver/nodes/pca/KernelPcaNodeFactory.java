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
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The Kernel PCA node. */
@Component(service = NodeFactory.class)
public final class KernelPcaNodeFactory implements NodeFactory<KernelPcaSettings> {
    public static final String ID = "quiver.pca.kernel-pca";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Kernel PCA", "Dimensionality reduction", """
            PCA in a feature space φ(x) that is never built: the kernel trick. PCA needs only inner \
            products between rows, so replacing x·y by a kernel k(x, y) = φ(x)·φ(y) performs PCA on φ(x) \
            — for the RBF kernel an infinite-dimensional space in which concentric rings become linearly \
            separable. The n × n kernel matrix K is centred in feature space (subtracting the mean of φ \
            turns K into K − 1K − K1 + 1K1, with 1 the matrix of 1/n); its leading eigenvectors αⱼ with \
            eigenvalues λⱼ give the components, and a row's score is Σᵢ αⱼᵢ k̃(x, xᵢ) / √λⱼ. New rows are \
            projected through the same formula, so the transform needs the training rows (or, with \
            Nyström, only the landmarks). The kernel has n² entries: the ITERATIVE solver (Lanczos) finds \
            the top components without a full decomposition, and NYSTROM approximates K from a sample of \
            landmark rows when n² does not fit in memory.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "Rows to analyse.")),
            List.of(PortDescriptor.required("table", PortType.TABLE,
                            "The input with the used columns replaced by KPC1..KPCk (kept with 'Keep original columns')."),
                    PortDescriptor.required("transform", PortType.TRANSFORM,
                            "The fitted Kernel PCA: Apply Transform projects new rows through the kernel."),
                    PortDescriptor.required("variance", PortType.TABLE,
                            "One row per computed component: eigenvalue of the centred kernel matrix, its share of the "
                                    + "kernel's trace (explained variance in feature space) and the cumulative share.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<KernelPcaSettings> settingsType() {
        return KernelPcaSettings.class;
    }

    @Override
    public KernelPcaSettings defaultSettings() {
        return KernelPcaSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, KernelPcaSettings settings, ConfigureContext context) {
        PortSpec in = inputs.get("table", PortSpec.class);
        if (!(in instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM), Charts.VARIANCE_SPEC);
        }
        ProjectionSpec projection = new KernelPcaLearner(settings).configure(spec);
        Charts.colour(spec, settings.colorColumn());
        return List.of(projection.apply(spec), projection, Charts.VARIANCE_SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, KernelPcaSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        var colour = Charts.colour(table.spec(), settings.colorColumn());
        var fitted = new KernelPcaLearner(settings).fitWithScores(table, context.subProgress(0, 0.95));
        KernelPcaTransform transform = fitted.transform();
        KernelPcaModel model = transform.model();
        int n = table.rowCount();
        List<DoubleColumn> scoreColumns = ProjectionTables.columns(transform.spec().outputs(), fitted.scores(), n, model.k());
        Table kept = settings.keepOriginal() ? table : table.drop(transform.spec().features());
        var cols = new ArrayList<>(kept.columns());
        cols.addAll(scoreColumns);
        Table variance = Charts.varianceTable("KPC", model.eigenvalues(), model.trace());
        NodeResult result = NodeResult.of(Table.of(cols), transform, variance)
                .withChart(Charts.scree(variance, "Kernel PCA: share of the feature-space variance per component"));
        var projection = Charts.projection(table, scoreColumns, colour, "KPC1 vs KPC2 (" + model.kernel().describe() + ")");
        if (projection.isPresent()) {
            result = result.withChart(projection.get());
        }
        context.progress(1, "Done");
        return result;
    }
}
