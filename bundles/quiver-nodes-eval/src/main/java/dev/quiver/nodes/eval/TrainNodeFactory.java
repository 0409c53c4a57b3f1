package dev.quiver.nodes.eval;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Fits any learner on a table: the generic "fit" of the Learner port. */
@Component(service = NodeFactory.class)
public final class TrainNodeFactory implements NodeFactory<TrainNodeFactory.TrainSettings> {

    public static final String ID = "quiver.model.train";

    @Description("Which column the model learns to predict and which columns it learns from.")
    public record TrainSettings(
            @Label("Label column")
            @Description("The column to predict. Blank = the column with role LABEL, else the last nominal column.")
            @ColumnRef(port = 1, optional = true)
            String labelColumn,
            @Label("Feature columns")
            @Description("The columns the model learns from. Empty = every numeric column with role FEATURE"
                    + " except the label.")
            @ColumnRef(port = 1, optional = true)
            List<String> featureColumns) {

        public TrainSettings {
            labelColumn = labelColumn == null ? "" : labelColumn;
            featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Train", "Modelling",
            "Fits the learner on the input table and outputs the fitted model. Rows whose label is missing are"
                    + " skipped with a warning. Which columns are label and features comes from the settings, or"
                    + " from the column roles when the settings are left blank.",
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured learner to fit."),
                    PortDescriptor.required("table", PortType.TABLE, "The training data.")),
            List.of(PortDescriptor.required("model", PortType.MODEL, "The fitted model.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<TrainSettings> settingsType() {
        return TrainSettings.class;
    }

    @Override
    public TrainSettings defaultSettings() {
        return new TrainSettings("", List.of());
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, TrainSettings settings, ConfigureContext context) {
        PortSpec learner = inputs.get("learner", PortSpec.class);
        PortSpec table = inputs.get("table", PortSpec.class);
        if (!(learner instanceof LearnerSpec ls) || !(table instanceof TableSpec ts)) {
            return List.of(PortSpec.unknown(PortType.MODEL));
        }
        FitColumns columns = FitColumnsResolver.resolve(ts, settings.labelColumn(), settings.featureColumns(), ls.task());
        return List.of(FitColumnsResolver.modelSpec(ls, ts, columns)
                .<PortSpec>map(m -> m)
                .orElse(PortSpec.unknown(PortType.MODEL)));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, TrainSettings settings, ExecutionContext context) {
        Learner learner = inputs.get("learner", Learner.class);
        Table table = inputs.get("table", Table.class);
        FitColumns columns = FitColumnsResolver.resolve(table.spec(), settings.labelColumn(), settings.featureColumns(),
                learner.spec().task());
        Table training = dropMissingLabels(table, columns.label(), context);
        if (learner.spec().task() == Task.CLASSIFICATION) {
            FitColumnsResolver.checkClassCount(columns.label(), training.stringColumn(columns.label()).domain());
        }
        // The learner's own configure rejects columns it cannot use before any time is spent fitting.
        learner.configure(training.spec(), columns);
        context.checkCanceled();
        context.progress(0, "Fitting " + learner.spec().name() + " on " + training.rowCount() + " rows");
        Model model = learner.fit(training, columns, context.subProgress(0, 1));
        context.progress(1, "Fitted " + learner.spec().name());
        return NodeResult.of(model);
    }

    /** Rows without a label carry nothing to learn from; dropping them is what the user expects. */
    static Table dropMissingLabels(Table table, String label, ExecutionContext context) {
        var column = table.column(label);
        int missing = column.missingCount();
        if (missing == 0) {
            return table;
        }
        if (missing == table.rowCount()) {
            throw new dev.quiver.api.InvalidInputException("Label column '" + label + "' is missing in all "
                    + table.rowCount() + " rows. Choose another label column.");
        }
        int[] keep = new int[table.rowCount() - missing];
        int k = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (!column.isMissing(i)) {
                keep[k++] = i;
            }
        }
        context.warn("Skipped " + missing + " of " + table.rowCount() + " rows whose label '" + label + "' is missing.");
        return table.rows(keep);
    }
}
