package dev.quiver.nodes.explain;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A model seen as a function of its numeric feature vector: every explanation here perturbs feature
 * values and reads predictions back, so it works for any model (Tribuo, DL4J, …) without knowing
 * its insides. Outputs are the class probabilities {@code P(<class>)} in {@link ModelSpec#classes()}
 * order, or the single predicted value of a regression model.
 */
final class ModelFunction {
    /** Rows per call to {@link Model#predict}: bounds memory while keeping calls few. */
    static final int BLOCK = 8192;

    private final Model model;
    private final List<String> features;
    private final List<ColumnSpec> featureSpecs;
    private final boolean classification;

    ModelFunction(Model model) {
        this.model = model;
        ModelSpec spec = model.spec();
        this.classification = spec.task() == Task.CLASSIFICATION;
        this.features = spec.features().stream().map(ColumnSpec::name).toList();
        var specs = new ArrayList<ColumnSpec>();
        for (ColumnSpec f : spec.features()) {
            if (!f.isNumeric()) {
                throw new InvalidInputException("The model's feature '" + f.name() + "' is " + f.type().label()
                        + "; explanations perturb numeric features only. One-hot encode it before training.");
            }
            specs.add(new ColumnSpec(f.name(), ColumnType.DOUBLE));
        }
        this.featureSpecs = specs;
        if (classification && spec.classes().isEmpty()) {
            throw new InvalidInputException("The model '" + spec.name() + "' names no classes. Retrain it on a nominal label.");
        }
    }

    /** Checks the configure-time shape of a table the model will read: every feature, numeric. */
    static void checkSpec(ModelSpec model, TableSpec table, String port) {
        var missing = new ArrayList<String>();
        for (ColumnSpec f : model.features()) {
            var found = table.find(f.name());
            if (found.isEmpty()) {
                missing.add(f.name());
            } else if (!found.get().isNumeric()) {
                throw new InvalidInputException("Feature column '" + f.name() + "' of the " + port + " table is "
                        + found.get().type().label() + ", but the model and the explanation need numbers. Convert it,"
                        + " or one-hot encode it before training.");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The " + port + " table lacks the model's feature column(s) "
                    + String.join(", ", missing) + " (available: " + String.join(", ", table.names())
                    + "). Feed it a table with the columns the model was trained on.");
        }
    }

    Model model() {
        return model;
    }

    List<String> features() {
        return features;
    }

    int featureCount() {
        return features.size();
    }

    boolean classification() {
        return classification;
    }

    List<String> classes() {
        return model.spec().classes();
    }

    /** Number of outputs: one probability per class, or the one regression value. */
    int outputCount() {
        return classification ? classes().size() : 1;
    }

    String outputName(int k) {
        return classification ? ModelSpec.probabilityColumn(classes().get(k)) : ModelSpec.PREDICTION;
    }

    /** The feature matrix of {@code table}, with a clear error for an empty table or a missing cell. */
    double[][] matrix(Table table, String port) {
        checkSpec(model.spec(), table.spec(), port);
        if (table.rowCount() == 0) {
            throw new InvalidInputException("The " + port + " table is empty. Connect a table with at least one row.");
        }
        return table.toRowMajor(features);
    }

    /** Outputs for every row of {@code x}: {@code [row][output]}. */
    double[][] predict(double[][] x, ExecutionContext context) {
        int n = x.length;
        int m = features.size();
        double[][] out = new double[n][];
        ExecutionContext quiet = new QuietContext(context);
        for (int from = 0; from < n; from += BLOCK) {
            context.checkCanceled();
            int to = Math.min(n, from + BLOCK);
            var cols = new ArrayList<Column>(m);
            for (int j = 0; j < m; j++) {
                double[] v = new double[to - from];
                for (int i = from; i < to; i++) {
                    v[i - from] = x[i][j];
                }
                cols.add(DoubleColumn.wrap(featureSpecs.get(j), v));
            }
            Table p = model.predict(Table.of(cols), quiet);
            if (p.rowCount() != to - from) {
                throw new IllegalStateException("Model returned " + p.rowCount() + " rows for " + (to - from));
            }
            int k = outputCount();
            double[][] byOutput = new double[k][];
            for (int c = 0; c < k; c++) {
                Column col = p.column(outputName(c));
                double[] v = new double[to - from];
                for (int i = 0; i < v.length; i++) {
                    v[i] = col.getDouble(i);
                }
                byOutput[c] = v;
            }
            for (int i = from; i < to; i++) {
                double[] row = new double[k];
                for (int c = 0; c < k; c++) {
                    row[c] = byOutput[c][i - from];
                }
                out[i] = row;
            }
        }
        return out;
    }

    /** Predicted class index per row (classification): the model's own {@code prediction} column. */
    int[] predictClasses(double[][] x, ExecutionContext context) {
        double[][] p = predict(x, context);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = argmax(p[i]);
        }
        return out;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The index of the class named {@code name}, or an error listing the classes. */
    int classIndex(String name) {
        int k = classes().indexOf(name);
        if (k < 0) {
            throw new InvalidInputException("Class '" + name + "' is not one of the model's classes ("
                    + String.join(", ", classes()) + "). Choose one of them, or leave it blank.");
        }
        return k;
    }
}
