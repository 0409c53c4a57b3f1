package dev.quiver.nodes.tribuo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;

/**
 * A fitted Tribuo classifier as a Quiver model. Its probability columns follow the classes of the
 * {@link ModelSpec}, in that order; a class Tribuo never saw in training gets probability 0. A model
 * without probabilities (a linear SVM) gets 1 for its predicted class and 0 for the others.
 *
 * <p>Saved as format {@value #FORMAT}: a small versioned header (what wrapper to rebuild, whether the
 * scores are probabilities) and then Tribuo's own protobuf bytes ({@code ModelProto}), which carry the
 * Tribuo model and its OLCUT provenance. The {@link ModelSpec} is saved beside it by the engine.
 */
class TribuoClassifier implements Model, Persistable {
    static final String FORMAT = "quiver.tribuo.classifier";
    private static final int CHUNK = 4096;

    private final ModelSpec spec;
    private final org.tribuo.Model<Label> model;
    private final boolean probabilistic;

    /**
     * {@code probabilistic} says whether the model's output scores are class probabilities. The learner
     * knows; Tribuo's own flag does not (its CART trees report false yet score leaves by class shares).
     */
    TribuoClassifier(ModelSpec spec, org.tribuo.Model<Label> model, boolean probabilistic) {
        this.spec = spec;
        this.model = model;
        this.probabilistic = probabilistic;
    }

    TribuoClassifier(ModelSpec spec, org.tribuo.Model<Label> model) {
        this(spec, model, true);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** The same model with one more provenance entry. */
    TribuoClassifier withProvenance(String key, String value) {
        var provenance = new LinkedHashMap<>(spec.provenance());
        provenance.put(key, value);
        return copy(new ModelSpec(spec.name(), spec.task(), spec.features(), spec.label(), spec.classes(), provenance));
    }

    /** A copy under another spec; subclasses keep their own type. */
    TribuoClassifier copy(ModelSpec newSpec) {
        return new TribuoClassifier(newSpec, model, probabilistic);
    }

    @Override
    public String formatId() {
        return FORMAT;
    }

    /** Which wrapper a saved model is rebuilt as; the ordinal is never written, the code is. */
    private enum Kind {
        PLAIN(0), LINEAR(1), TREE(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        Kind kind = this instanceof LinearClassifier ? Kind.LINEAR : this instanceof TreeClassifier ? Kind.TREE
                : Kind.PLAIN;
        TribuoFiles.write(stream, FORMAT, kind.code, probabilistic, model.serialize().toByteArray());
    }

    /** Rebuilds a classifier saved by {@link #writeTo}; {@code spec} is the model spec saved beside it. */
    @SuppressWarnings("unchecked")
    static TribuoClassifier read(InputStream stream, PortSpec spec) throws IOException {
        TribuoFiles.Saved saved = TribuoFiles.read(stream, FORMAT, spec);
        org.tribuo.Model<?> raw = TribuoFiles.model(saved.proto());
        if (!raw.validate(Label.class)) {
            throw new IOException("The saved Tribuo model (" + raw.getClass().getSimpleName()
                    + ") does not predict class labels; it is not a classifier.");
        }
        var model = (org.tribuo.Model<Label>) raw;
        ModelSpec modelSpec = (ModelSpec) spec;
        if (saved.kind() == Kind.LINEAR.code && model instanceof LinearSGDModel linear) {
            return new LinearClassifier(modelSpec, linear, saved.probabilistic());
        }
        if (saved.kind() == Kind.TREE.code && model instanceof TreeModel<Label> tree) {
            return new TreeClassifier(modelSpec, tree);
        }
        if (saved.kind() > Kind.TREE.code || saved.kind() < 0) {
            throw new IOException("Unknown classifier kind " + saved.kind() + "; this version reads kinds 0-"
                    + Kind.TREE.code + ". Update Quiver to read this file.");
        }
        return new TribuoClassifier(modelSpec, model, saved.probabilistic());
    }

    /** The wrapped Tribuo model, for the learner nodes' own details. */
    org.tribuo.Model<Label> tribuoModel() {
        return model;
    }

    @Override
    public Table predict(Table data, ExecutionContext context) {
        spec.checkInput(data.spec());
        List<String> features = spec.features().stream().map(ColumnSpec::name).toList();
        double[][] x = data.toRowMajor(features);
        List<String> classes = spec.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int n = data.rowCount();
        int[] predicted = new int[n];
        double[][] probabilities = new double[classes.size()][n];
        for (int from = 0; from < n; from += CHUNK) {
            context.checkCanceled();
            int to = Math.min(n, from + CHUNK);
            List<Prediction<Label>> out;
            try {
                out = model.predict(TribuoTables.examples(x, features, from, to));
            } catch (IllegalArgumentException e) {
                // Tribuo checks some inputs only when predicting (naive Bayes refuses negative values).
                throw new dev.quiver.api.InvalidInputException(spec.name() + " cannot predict these rows: "
                        + e.getMessage() + ". Prepare the rows as the training rows were prepared.");
            }
            for (int i = from; i < to; i++) {
                Prediction<Label> p = out.get(i - from);
                predicted[i] = index.get(p.getOutput().getLabel());
                if (!probabilistic) {
                    // Decision values (an SVM's margins) are no probabilities: say "certain" for the winner only.
                    probabilities[predicted[i]][i] = 1;
                    continue;
                }
                for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                    Integer k = index.get(e.getKey());
                    if (k != null) {
                        probabilities[k][i] = e.getValue().getScore();
                    }
                }
            }
            context.progress((double) to / Math.max(1, n), "Predicted " + to + " of " + n + " rows");
        }
        List<ColumnSpec> columns = spec.predictionColumns();
        var out = new ArrayList<Column>();
        out.add(StringColumn.wrap(columns.get(0), predicted, classes));
        for (int k = 0; k < classes.size(); k++) {
            out.add(DoubleColumn.wrap(columns.get(k + 1), probabilities[k]));
        }
        return Table.of(out);
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", spec.name());
        out.put("label", spec.label().name());
        out.put("classes", spec.classes());
        out.put("features", spec.features().stream().map(ColumnSpec::name).toList());
        out.put("provenance", new LinkedHashMap<>(spec.provenance()));
        splitCounts().ifPresent(counts -> out.put("splitCounts", counts));
        return out;
    }

    /**
     * For a tree or a forest of trees: how many nodes split on each feature, summed over the trees
     * (features in model order, 0 for unused ones). Tribuo's immutable trees keep no node sizes, so a
     * mean-decrease-in-impurity importance cannot be recovered; split counts are what the structure
     * offers. Empty for other models.
     */
    Optional<Map<String, Integer>> splitCounts() {
        var trees = new ArrayList<TreeModel<Label>>();
        if (model instanceof TreeModel<Label> tree) {
            trees.add(tree);
        } else if (model instanceof EnsembleModel<Label> ensemble) {
            for (org.tribuo.Model<Label> member : ensemble.getModels()) {
                if (!(member instanceof TreeModel<Label> tree)) {
                    return Optional.empty();
                }
                trees.add(tree);
            }
        }
        if (trees.isEmpty()) {
            return Optional.empty();
        }
        var counts = new LinkedHashMap<String, Integer>();
        spec.features().forEach(f -> counts.put(f.name(), 0));
        for (TreeModel<Label> tree : trees) {
            var pending = new java.util.ArrayDeque<Node<Label>>();
            pending.push(tree.getRoot());
            while (!pending.isEmpty()) {
                if (pending.pop() instanceof SplitNode<Label> split) {
                    counts.merge(tree.getFeatureIDMap().get(split.getFeatureID()).getName(), 1, Integer::sum);
                    pending.push(split.getGreaterThan());
                    pending.push(split.getLessThanOrEqual());
                }
            }
        }
        return Optional.of(counts);
    }
}
