package dev.quiver.nodes.eval;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the label and feature columns from a table spec and the user's (possibly blank)
 * settings, and predicts the spec of the model a learner would fit, from specs alone: at configure
 * time Train sees only the {@link LearnerSpec}, never the learner.
 */
final class FitColumnsResolver {
    private FitColumnsResolver() {
    }

    /** The label and features to fit, with blank settings replaced by their documented defaults. */
    static FitColumns resolve(TableSpec table, String labelSetting, List<String> featureSetting, Task task) {
        ColumnSpec label = label(table, labelSetting);
        checkLabelType(label, task);
        List<String> features = new ArrayList<>();
        if (featureSetting == null || featureSetting.isEmpty()) {
            for (ColumnSpec c : table.columns()) {
                if (c.isNumeric() && c.role() == ColumnRole.FEATURE && !c.name().equals(label.name())) {
                    features.add(c.name());
                }
            }
            if (features.isEmpty()) {
                throw new InvalidInputException("No feature columns: the table has no numeric column with role FEATURE"
                        + " besides the label '" + label.name() + "' (columns: " + String.join(", ", table.names())
                        + "). Choose the feature columns, or convert nominal columns with a One-Hot Encoder.");
            }
        } else {
            for (String f : featureSetting) {
                table.require(f, "Feature column");
                if (f.equals(label.name())) {
                    throw new InvalidInputException("Column '" + f + "' is both the label and a feature."
                            + " Remove it from the feature columns.");
                }
                if (!features.contains(f)) {
                    features.add(f);
                }
            }
        }
        return new FitColumns(label.name(), features);
    }

    /** The named label column, or the column with role LABEL, or the last nominal column. */
    static ColumnSpec label(TableSpec table, String labelSetting) {
        if (labelSetting != null && !labelSetting.isBlank()) {
            return table.require(labelSetting, "Label column");
        }
        Optional<ColumnSpec> byRole = table.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst();
        if (byRole.isPresent()) {
            return byRole.get();
        }
        List<ColumnSpec> nominal = table.filter(ColumnSpec::isNominal);
        if (nominal.isEmpty()) {
            throw new InvalidInputException("No label column: no column has role LABEL and none is nominal (columns: "
                    + String.join(", ", table.names()) + "). Choose the label column.");
        }
        return nominal.get(nominal.size() - 1);
    }

    static void checkLabelType(ColumnSpec label, Task task) {
        if (task == Task.CLASSIFICATION && !label.isNominal()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a classifier needs a nominal label. Choose a nominal label column, or convert this one to"
                    + " strings first.");
        }
        if (task == Task.REGRESSION && !label.isNumeric()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a regressor needs a numeric label. Choose a numeric label column.");
        }
    }

    /**
     * The spec of the model that fitting a learner of {@code learner} on {@code table} would give, or
     * empty when the classes cannot be known before execution (a nominal label without a known domain).
     */
    static Optional<ModelSpec> modelSpec(LearnerSpec learner, TableSpec table, FitColumns columns) {
        ColumnSpec label = table.require(columns.label(), "Label column");
        List<ColumnSpec> features = columns.features().stream().map(f -> table.require(f, "Feature column")).toList();
        List<String> classes = List.of();
        if (learner.task() == Task.CLASSIFICATION) {
            classes = label.domain();
            if (classes.isEmpty()) {
                return Optional.empty();
            }
            checkClassCount(label.name(), classes);
        }
        var provenance = new LinkedHashMap<String, String>();
        provenance.put("learner", learner.name());
        learner.settings().forEach((k, v) -> provenance.put("setting." + k, v));
        return Optional.of(new ModelSpec(learner.name(), learner.task(), features, label, classes, provenance));
    }

    static void checkClassCount(String label, List<String> classes) {
        if (classes.size() < 2) {
            throw new InvalidInputException("Label column '" + label + "' has only one class (" + String.join(", ", classes)
                    + "); a classifier needs at least two. Choose another label, or check the rows that were filtered out.");
        }
    }
}
