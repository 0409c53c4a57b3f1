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
import org.tribuo.Trainer;
import org.tribuo.Tribuo;
import org.tribuo.regression.Regressor;

/**
 * What every Tribuo regression learner shares, as {@link TribuoClassifierLearner} for classifiers:
 * the spec, column checks, table conversion, provenance and re-creation with tuned settings.
 *
 * @param <S> the settings record of the learner's node
 */
abstract class TribuoRegressorLearner<S extends Record> implements Learner {
    static {
        TribuoLogging.quiet();
    }

    protected final S settings;

    TribuoRegressorLearner(S settings) {
        this.settings = Settings.validate(settings);
    }

    abstract String name();

    abstract String nodeTypeId();

    abstract TribuoRegressorLearner<S> withSettings(S newSettings);

    abstract long seed();

    /** The trainer for {@code data}; it may report progress into {@code context} as it trains. */
    abstract Trainer<Regressor> trainer(MutableDataset<Regressor> data, ExecutionContext context);

    @Override
    public LearnerSpec spec() {
        var shown = new LinkedHashMap<String, String>();
        Settings.toMap(settings).forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return new LearnerSpec(name(), Task.REGRESSION, nodeTypeId(), shown);
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return TribuoRegressor.regressorSpec(name(), training, columns, Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        configure(training.spec(), columns);
        context.checkCanceled();
        context.progress(0, "Preparing " + training.rowCount() + " rows for Tribuo");
        MutableDataset<Regressor> data = TribuoRegressor.dataset(training, columns);
        var provenance = new LinkedHashMap<String, String>();
        provenance.put("learner", name());
        Settings.toMap(settings).forEach((k, v) -> provenance.put("setting." + k, String.valueOf(v)));
        provenance.put("seed", Long.toString(seed()));
        provenance.put("trainingRows", Integer.toString(training.rowCount()));
        provenance.put("trainingFeatures", String.join(",", columns.features()));
        provenance.put("trainingLabel", columns.label());
        provenance.put("library", "Tribuo " + Tribuo.VERSION);
        ModelSpec spec = TribuoRegressor.regressorSpec(name(), training.spec(), columns, provenance);
        Trainer<Regressor> trainer = trainer(data, context);
        context.checkCanceled();
        var model = new TribuoRegressor(spec, trainer.train(data));
        context.checkCanceled();
        context.progress(1, "Trained " + name().toLowerCase(java.util.Locale.ROOT));
        return model.withProvenance("trainer", trainer.toString());
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
