package dev.quiver.nodes.dl4j;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured, unfitted neural network. Everything but {@link #fit} is plain Java: the spec,
 * the column checks and re-creation with tuned settings run at configure time and must not
 * initialise ND4J; {@code fit} hands over to {@link Dl4jTrainer}, the first class that touches it.
 */
final class NeuralNetworkLearner implements Learner {
    static final String NAME = "Neural network";

    private final NeuralNetworkSettings settings;

    NeuralNetworkLearner(NeuralNetworkSettings settings) {
        this.settings = Settings.validate(settings);
    }

    NeuralNetworkSettings settings() {
        return settings;
    }

    @Override
    public LearnerSpec spec() {
        return new LearnerSpec(NAME, Task.CLASSIFICATION, NeuralNetworkNodeFactory.ID, shownSettings(settings));
    }

    static Map<String, String> shownSettings(NeuralNetworkSettings settings) {
        var shown = new LinkedHashMap<String, String>();
        Settings.toMap(settings).forEach((k, v) -> shown.put(k, String.valueOf(v)));
        shown.put("hiddenLayers", describeLayers(settings.hiddenLayers()));
        return shown;
    }

    /** "64 relu, 32 tanh (dropout 0.2)" or "none". */
    static String describeLayers(List<NeuralNetworkSettings.DenseLayer> layers) {
        if (layers.isEmpty()) {
            return "none";
        }
        var parts = new ArrayList<String>();
        for (var l : layers) {
            parts.add(l.units() + " " + l.activation().name().toLowerCase(java.util.Locale.ROOT)
                    + (l.dropout() > 0 ? " (dropout " + l.dropout() + ")" : ""));
        }
        return String.join(", ", parts);
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return classifierSpec(training, columns, Map.of());
    }

    /**
     * The spec of a network fitted on {@code table}: a nominal label with at least two classes (its
     * domain, so classes absent from the training rows still get a probability column) and numeric
     * features.
     */
    static ModelSpec classifierSpec(TableSpec table, FitColumns columns, Map<String, String> provenance) {
        ColumnSpec label = table.require(columns.label(), "Label column");
        if (!label.isNominal()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a classifier needs a nominal label. Choose a nominal label column, or read it as nominal"
                    + " (the CSV Reader's 'Nominal columns' setting).");
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
                throw new InvalidInputException("Feature '" + f + "' is nominal; a neural network needs numbers."
                        + " Add a One-Hot Encoder before this learner.");
            }
            if (!c.isNumeric()) {
                throw new InvalidInputException("Feature '" + f + "' is " + c.type().label()
                        + "; a neural network needs numeric features. Convert it to a number first.");
            }
            features.add(c);
        }
        return new ModelSpec(NAME, Task.CLASSIFICATION, features, label, label.domain(), provenance);
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        configure(training.spec(), columns);
        context.checkCanceled();
        context.progress(0, "Preparing " + training.rowCount() + " rows");
        // Fails naming the column and row of the first missing value, with the fix (Missing Values).
        double[][] x = training.toRowMajor(columns.features());
        int[] y = labels(training.stringColumn(columns.label()));
        var provenance = new LinkedHashMap<String, String>();
        provenance.put("learner", NAME);
        shownSettings(settings).forEach((k, v) -> provenance.put("setting." + k, v));
        provenance.put("seed", Long.toString(settings.seed()));
        provenance.put("trainingRows", Integer.toString(training.rowCount()));
        ModelSpec spec = classifierSpec(training.spec(), columns, provenance);
        return Dl4jTrainer.fit(settings, spec, x, y, context);
    }

    /** The class index of every row in the label's domain (the model's class order). */
    private static int[] labels(StringColumn label) {
        int[] y = new int[label.size()];
        boolean[] seen = new boolean[label.domain().size()];
        int distinct = 0;
        for (int i = 0; i < y.length; i++) {
            int code = label.code(i);
            if (code == StringColumn.MISSING) {
                throw new InvalidInputException("Label column '" + label.name() + "' is missing in row " + (i + 1)
                        + ". Remove rows without a label (Train does this for you) or add a Missing Values node.");
            }
            y[i] = code;
            if (!seen[code]) {
                seen[code] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            throw new InvalidInputException("The " + y.length + " training rows all have the same class; a classifier"
                    + " needs rows of at least two classes. Check the rows that reach this node.");
        }
        return y;
    }

    @Override
    public java.util.Optional<Record> settingsRecord() {
        return java.util.Optional.of(settings);
    }

    @Override
    public Learner withSettings(Map<String, Object> overrides) {
        return new NeuralNetworkLearner(Settings.with(settings, overrides));
    }
}
