package dev.quiver.api.port;

import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configure-time description of a fitted model: which feature columns it reads, the label it
 * predicts, its class labels (classification) and its provenance (learner settings, seed,
 * training data, library version).
 */
public record ModelSpec(String name, Task task, List<ColumnSpec> features, ColumnSpec label, List<String> classes,
        Map<String, String> provenance) implements PortSpec {

    /** Name of the prediction column that {@link Model#predict} writes. */
    public static final String PREDICTION = "prediction";

    public ModelSpec {
        features = List.copyOf(features);
        classes = classes == null ? List.of() : List.copyOf(classes);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    @Override
    public PortType type() {
        return PortType.MODEL;
    }

    /** The name of the probability column for one class: {@code P(setosa)}. */
    public static String probabilityColumn(String className) {
        return "P(" + className + ")";
    }

    /** The columns {@link Model#predict} returns: the prediction, then one probability per class. */
    public List<ColumnSpec> predictionColumns() {
        var out = new ArrayList<ColumnSpec>();
        if (task == Task.CLASSIFICATION) {
            out.add(new ColumnSpec(PREDICTION, ColumnType.STRING, ColumnRole.PREDICTION, classes,
                    Map.of("label", label.name())));
            for (String c : classes) {
                out.add(new ColumnSpec(probabilityColumn(c), ColumnType.DOUBLE, ColumnRole.PROBABILITY, List.of(),
                        Map.of("class", c, "label", label.name())));
            }
        } else {
            out.add(new ColumnSpec(PREDICTION, ColumnType.DOUBLE, ColumnRole.PREDICTION, List.of(),
                    Map.of("label", label.name())));
        }
        return out;
    }

    /** Checks that {@code input} has every feature column with a compatible type. */
    public void checkInput(TableSpec input) {
        var missing = new ArrayList<String>();
        for (ColumnSpec f : features) {
            var found = input.find(f.name());
            if (found.isEmpty()) {
                missing.add(f.name());
            } else if (found.get().isNumeric() != f.isNumeric()) {
                throw new dev.quiver.api.InvalidInputException("Column '" + f.name() + "' is " + found.get().type().label()
                        + " here but was " + f.type().label() + " when the model was trained. Convert it back, or retrain.");
            }
        }
        if (!missing.isEmpty()) {
            throw new dev.quiver.api.InvalidInputException("The model needs column(s) " + String.join(", ", missing)
                    + " that the input table lacks (available: " + String.join(", ", input.names())
                    + "). Feed the model a table with the same columns it was trained on.");
        }
    }

    @Override
    public String describe() {
        return name + " predicting '" + label.name() + "' from " + features.size() + " features"
                + (classes.isEmpty() ? "" : " (" + classes.size() + " classes)");
    }
}
