package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What a (kernel) PCA transform does to a table spec: the input feature columns are replaced by
 * the component columns (or kept, with {@code keepOriginal}), every other column passes through.
 *
 * @param name       shown on the port ("PCA (4 → 2)")
 * @param input      the spec the transform was fitted on
 * @param features   the columns read, in order
 * @param outputs    the appended component columns (PC1, PC2, …)
 * @param keepOriginal whether the feature columns stay in the output
 * @param invertible   whether Inverse Transform can map scores back (linear PCA only: kernel PCA has no exact pre-image)
 */
record ProjectionSpec(String name, TableSpec input, List<String> features, List<String> outputs, boolean keepOriginal,
        boolean invertible) implements TransformSpec {

    ProjectionSpec {
        features = List.copyOf(features);
        outputs = List.copyOf(outputs);
    }

    @Override
    public TableSpec apply(TableSpec in) {
        var absent = new ArrayList<String>();
        for (String f : features) {
            var c = in.find(f);
            if (c.isEmpty()) {
                absent.add(f);
            } else if (!c.get().isNumeric()) {
                throw new InvalidInputException("Column '" + f + "' is " + c.get().type().label()
                        + " here but was numeric when the " + name + " was fitted. Convert it back to numbers, or refit.");
            }
        }
        if (!absent.isEmpty()) {
            throw new InvalidInputException("The " + name + " needs column(s) " + String.join(", ", absent)
                    + " that the input table lacks (available: " + TableSpec.names(in.columns())
                    + "). Feed it a table with the columns it was fitted on.");
        }
        TableSpec kept = keepOriginal ? in : in.without(features);
        for (String o : outputs) {
            if (kept.contains(o)) {
                throw new InvalidInputException("The input already has a column named '" + o + "', which the " + name
                        + " would write. Rename that column first (or turn 'Keep original' off if it is a feature).");
            }
        }
        var cols = new ArrayList<>(kept.columns());
        for (String o : outputs) {
            cols.add(new ColumnSpec(o, ColumnType.DOUBLE));
        }
        return new TableSpec(cols);
    }

    static List<String> names(String prefix, int k) {
        var out = new ArrayList<String>(k);
        for (int i = 1; i <= k; i++) {
            out.add(prefix + i);
        }
        return out;
    }
}
