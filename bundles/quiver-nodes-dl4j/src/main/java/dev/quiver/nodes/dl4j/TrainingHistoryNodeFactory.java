package dev.quiver.nodes.dl4j;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The loss curves of a fitted neural network: one row per epoch and a line chart of training and
 * validation loss. Reads the history from the model's {@code details()}, so it needs no ND4J.
 */
@Component(service = NodeFactory.class)
public final class TrainingHistoryNodeFactory implements NodeFactory<TrainingHistoryNodeFactory.TrainingHistorySettings> {

    public static final String ID = "quiver.dl4j.training-history";
    static final String EPOCH = "epoch";
    static final String TRAINING_LOSS = "training loss";
    static final String VALIDATION_LOSS = "validation loss";
    static final String VALIDATION_ACCURACY = "validation accuracy";

    @Description("The node has nothing to set: it shows the history the model carries.")
    public record TrainingHistorySettings() {
    }

    static final TableSpec HISTORY_SPEC = TableSpec.of(new ColumnSpec(EPOCH, ColumnType.LONG),
            new ColumnSpec(TRAINING_LOSS, ColumnType.DOUBLE), new ColumnSpec(VALIDATION_LOSS, ColumnType.DOUBLE),
            new ColumnSpec(VALIDATION_ACCURACY, ColumnType.DOUBLE));

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Training History", "Evaluation",
            "The loss curves of a fitted neural network: per epoch the mean training loss (cross-entropy plus"
                    + " penalties, averaged over the epoch's minibatches), and, when the learner held out validation"
                    + " rows, the validation loss and accuracy after the epoch. A line chart shows both losses: a"
                    + " validation loss that turns upwards while the training loss keeps falling is overfitting."
                    + " Validation values are missing when the validation fraction was 0.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "A model fitted by the Neural Network learner.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "One row per epoch.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<TrainingHistorySettings> settingsType() {
        return TrainingHistorySettings.class;
    }

    @Override
    public TrainingHistorySettings defaultSettings() {
        return new TrainingHistorySettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, TrainingHistorySettings settings, ConfigureContext context) {
        PortSpec model = inputs.get("model", PortSpec.class);
        if (model instanceof ModelSpec m && !NeuralNetworkLearner.NAME.equals(m.name())) {
            throw notANetwork(m.name());
        }
        return List.of(HISTORY_SPEC);
    }

    private static InvalidInputException notANetwork(String name) {
        return new InvalidInputException("The model is a " + name + ", which has no training history. Connect a"
                + " model fitted from a Neural Network learner.");
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, TrainingHistorySettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        if (!(model.details().get("history") instanceof Map<?, ?> details)) {
            throw notANetwork(model.spec().name());
        }
        TrainingHistory history = TrainingHistory.fromDetails(details);
        Table table = table(history);
        NodeResult result = NodeResult.of(table).withChart(lossChart(history));
        if (history.stoppedEarly()) {
            context.warn("Training stopped early after epoch " + history.epochs().size()
                    + "; the model keeps the weights of epoch " + history.bestEpoch() + ".");
        }
        return result;
    }

    static Table table(TrainingHistory history) {
        int n = history.epochs().size();
        long[] epoch = new long[n];
        for (int i = 0; i < n; i++) {
            epoch[i] = history.epochs().get(i).epoch();
        }
        return Table.of(LongColumn.wrap(HISTORY_SPEC.column(0), epoch, new BitSet()),
                DoubleColumn.wrap(HISTORY_SPEC.column(1), history.trainingLoss()),
                DoubleColumn.wrap(HISTORY_SPEC.column(2), history.validationLoss()),
                DoubleColumn.wrap(HISTORY_SPEC.column(3),
                        history.epochs().stream().mapToDouble(TrainingHistory.Epoch::validationAccuracy).toArray()));
    }

    /** Loss against epoch, one line per curve (long format: epoch, loss, curve). */
    static ChartSpec lossChart(TrainingHistory history) {
        var epochs = new ArrayList<Long>();
        var losses = new ArrayList<Double>();
        var curves = new ArrayList<String>();
        for (TrainingHistory.Epoch e : history.epochs()) {
            epochs.add((long) e.epoch());
            losses.add(e.trainingLoss());
            curves.add("training");
        }
        if (history.hasValidation()) {
            for (TrainingHistory.Epoch e : history.epochs()) {
                epochs.add((long) e.epoch());
                losses.add(e.validationLoss());
                curves.add("validation");
            }
        }
        long[] ep = epochs.stream().mapToLong(Long::longValue).toArray();
        Table data = Table.of(LongColumn.of(EPOCH, ep),
                DoubleColumn.of("loss", losses.stream().mapToDouble(Double::doubleValue).toArray()),
                StringColumn.of("curve", curves.toArray(String[]::new)));
        return ChartSpec.of("loss-curves", "Loss per epoch", data, ChartSpec.Mark.LINE,
                Channel.x(EPOCH, FieldType.QUANTITATIVE),
                new Channel("y", "loss", FieldType.QUANTITATIVE, "cross-entropy loss"),
                Channel.color("curve", FieldType.NOMINAL));
    }
}
