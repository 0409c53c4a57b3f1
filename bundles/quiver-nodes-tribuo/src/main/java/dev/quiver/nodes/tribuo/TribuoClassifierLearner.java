package dev.quiver.nodes.tribuo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;

/**
 * What every Tribuo classifier learner shares: the spec from its settings, column checks, the
 * conversion of the table, provenance, and re-creation with tuned settings. Subclasses build and
 * run the Tribuo trainer.
 *
 * @param <S> the settings record of the learner's node
 */
abstract class TribuoClassifierLearner<S extends Record> implements Learner {
    static {
        TribuoLogging.quiet();
    }

    protected final S settings;

    TribuoClassifierLearner(S settings) {
        this.settings = Settings.validate(settings);
    }

    /** The learner's name for people ("Logistic regression"). */
    abstract String name();

    abstract String nodeTypeId();

    /** The same learner with other settings. */
    abstract TribuoClassifierLearner<S> withSettings(S newSettings);

    /** The seed recorded in the provenance. */
    abstract long seed();

    /**
     * Trains on {@code data}, reporting progress into {@code context} and checking cancellation
     * where the trainer allows; returns the wrapped model and a description of the trainer.
     */
    abstract Trained train(MutableDataset<Label> data, ModelSpec spec, ExecutionContext context);

    /** A fitted model and the trainer's own description for the provenance. */
    record Trained(TribuoClassifier model, String trainer) {
    }

    S settings() {
        return settings;
    }

    @Override
    public LearnerSpec spec() {
        var shown = new LinkedHashMap<String, String>();
        Settings.toMap(settings).forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return new LearnerSpec(name(), Task.CLASSIFICATION, nodeTypeId(), shown);
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return TribuoTables.classifierSpec(name(), training, columns, Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        configure(training.spec(), columns);
        context.checkCanceled();
        context.progress(0, "Preparing " + training.rowCount() + " rows for Tribuo");
        MutableDataset<Label> data = TribuoTables.dataset(training, columns);
        var provenance = new LinkedHashMap<String, String>();
        provenance.put("learner", name());
        Settings.toMap(settings).forEach((k, v) -> provenance.put("setting." + k, String.valueOf(v)));
        provenance.put("seed", Long.toString(seed()));
        provenance.put("trainingRows", Integer.toString(training.rowCount()));
        provenance.put("trainingFeatures", String.join(",", columns.features()));
        provenance.put("trainingLabel", columns.label());
        provenance.put("library", "Tribuo " + Tribuo.VERSION);
        ModelSpec spec = TribuoTables.classifierSpec(name(), training.spec(), columns, provenance);
        context.checkCanceled();
        Trained trained = train(data, spec, context);
        context.checkCanceled();
        context.progress(1, "Trained " + name().toLowerCase(java.util.Locale.ROOT));
        return trained.model().withProvenance("trainer", trained.trainer());
    }

    @Override
    public java.util.Optional<Record> settingsRecord() {
        return java.util.Optional.of(settings);
    }

    @Override
    public Learner withSettings(Map<String, Object> overrides) {
        return withSettings(Settings.with(settings, overrides));
    }
}
