package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Converts Quiver tables into Tribuo examples and checks that the columns suit a numeric classifier. */
final class TribuoTables {
    static final LabelFactory LABELS = new LabelFactory();
    // A fixed time keeps the data provenance, and so the model's provenance, the same on every run.
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private TribuoTables() {
    }

    /**
     * The spec of a classifier fitted on {@code table}: a nominal label with at least two classes
     * (the label's domain, so classes absent from the training rows still get a probability
     * column) and numeric features.
     */
    static ModelSpec classifierSpec(String name, TableSpec table, FitColumns columns, Map<String, String> provenance) {
        ColumnSpec label = table.require(columns.label(), "Label column");
        if (!label.isNominal()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a classifier needs a nominal label. Choose a nominal label column, or convert this one to"
                    + " strings first.");
        }
        if (label.domain().size() < 2) {
            throw new InvalidInputException("Label column '" + label.name() + "' has " + label.domain().size()
                    + " class(es) (" + String.join(", ", label.domain()) + "); a classifier needs at least two."
                    + " Choose another label column.");
        }
        if (columns.features().isEmpty()) {
            throw new InvalidInputException("No feature columns. Choose at least one numeric feature column.");
        }
        var features = new ArrayList<ColumnSpec>();
        for (String f : columns.features()) {
            ColumnSpec c = table.require(f, "Feature column");
            if (c.isNominal()) {
                throw new InvalidInputException("Feature '" + f + "' is nominal; add a One-Hot Encoder before this learner.");
            }
            if (!c.isNumeric()) {
                throw new InvalidInputException("Feature '" + f + "' is " + c.type().label()
                        + "; this learner needs numeric features. Convert it to a number first.");
            }
            features.add(c);
        }
        return new ModelSpec(name, Task.CLASSIFICATION, features, label, label.domain(), provenance);
    }

    /** The training rows as a Tribuo dataset; fails naming the column of a missing value. */
    static MutableDataset<Label> dataset(Table table, FitColumns columns) {
        double[][] x = table.toRowMajor(columns.features());
        StringColumn y = table.stringColumn(columns.label());
        String[] names = columns.features().toArray(String[]::new);
        var dataset = new MutableDataset<Label>(new SimpleDataSourceProvenance("Quiver table", EPOCH, LABELS), LABELS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < x.length; i++) {
            String label = y.get(i);
            if (label == null) {
                throw new InvalidInputException("Label column '" + y.name() + "' is missing in row " + (i + 1)
                        + ". Remove rows without a label (Train does this for you) or add a Missing Values node.");
            }
            seen.add(label);
            dataset.add(new ArrayExample<>(new Label(label), names.clone(), x[i]));
        }
        if (seen.size() < 2) {
            throw new InvalidInputException("The " + x.length + " training rows all have the class "
                    + seen.stream().findFirst().map(s -> "'" + s + "'").orElse("(none)")
                    + "; a classifier needs rows of at least two classes. Check the rows that reach this node.");
        }
        return dataset;
    }

    /** Unlabelled examples for prediction, rows {@code from} to {@code to}. */
    static List<Example<Label>> examples(double[][] x, List<String> features, int from, int to) {
        String[] names = features.toArray(String[]::new);
        var out = new ArrayList<Example<Label>>(to - from);
        for (int i = from; i < to; i++) {
            out.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names.clone(), x[i]));
        }
        return out;
    }
}
