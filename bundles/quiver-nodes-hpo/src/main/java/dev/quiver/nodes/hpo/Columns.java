package dev.quiver.nodes.hpo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** The label and feature columns, with blank settings read as Train and Cross-Validate read them. */
final class Columns {
    private Columns() {
    }

    static FitColumns resolve(TableSpec table, String labelSetting, List<String> featureSetting, Task task) {
        ColumnSpec label = label(table, labelSetting);
        if (task == Task.CLASSIFICATION && !label.isNominal()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a classifier needs a nominal label. Choose a nominal label column.");
        }
        if (task == Task.REGRESSION && !label.isNumeric()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a regressor needs a numeric label. Choose a numeric label column.");
        }
        var features = new ArrayList<String>();
        if (featureSetting.isEmpty()) {
            for (ColumnSpec c : table.columns()) {
                if (c.isNumeric() && c.role() == ColumnRole.FEATURE && !c.name().equals(label.name())) {
                    features.add(c.name());
                }
            }
            if (features.isEmpty()) {
                throw new InvalidInputException("No feature columns: no numeric column with role FEATURE besides the"
                        + " label '" + label.name() + "' (columns: " + String.join(", ", table.names())
                        + "). Choose the feature columns.");
            }
        } else {
            for (String f : featureSetting) {
                table.require(f, "Feature column");
                if (f.equals(label.name())) {
                    throw new InvalidInputException("Column '" + f + "' is both the label and a feature. Remove it"
                            + " from the feature columns.");
                }
                if (!features.contains(f)) {
                    features.add(f);
                }
            }
        }
        return new FitColumns(label.name(), features);
    }

    static ColumnSpec label(TableSpec table, String labelSetting) {
        if (!labelSetting.isBlank()) {
            return table.require(labelSetting, "Label column");
        }
        return table.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst().orElseGet(() -> {
            List<ColumnSpec> nominal = table.filter(ColumnSpec::isNominal);
            if (nominal.isEmpty()) {
                throw new InvalidInputException("No label column: no column has role LABEL and none is nominal"
                        + " (columns: " + String.join(", ", table.names()) + "). Choose the label column.");
            }
            return nominal.get(nominal.size() - 1);
        });
    }
}
