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
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory.LogisticRegressionSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;

/** The logistic-regression learner: settings in, a fitted {@link TribuoClassifier} out. */
final class LogisticRegressionLearner implements Learner {
    static final String NAME = "Logistic regression";

    // Tribuo logs two INFO lines per fit; Quiver's progress reports say the same, so keep the console quiet.
    // Held in a field because java.util.logging keeps loggers only weakly.
    private static final Logger TRIBUO_SGD_LOG = Logger.getLogger(AbstractSGDTrainer.class.getName());

    static {
        TRIBUO_SGD_LOG.setLevel(Level.WARNING);
    }

    private final LogisticRegressionSettings settings;

    LogisticRegressionLearner(LogisticRegressionSettings settings) {
        this.settings = Settings.validate(settings);
    }

    @Override
    public LearnerSpec spec() {
        var shown = new LinkedHashMap<String, String>();
        Settings.toMap(settings).forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return new LearnerSpec(NAME, Task.CLASSIFICATION, LogisticRegressionNodeFactory.ID, shown);
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return TribuoTables.classifierSpec(NAME, training, columns, Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        configure(training.spec(), columns);
        context.checkCanceled();
        context.progress(0, "Preparing " + training.rowCount() + " rows for Tribuo");
        MutableDataset<Label> data = TribuoTables.dataset(training, columns);
        StochasticGradientOptimiser optimiser = MonitoredOptimiser.of(optimiser(settings), settings.l2(),
                settings.minibatchSize(), context, data.size(), settings.epochs());
        // Logging interval -1: Tribuo's per-iteration loss lines are off; progress comes from the optimiser.
        var trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser, settings.epochs(), -1,
                settings.minibatchSize(), settings.seed());
        context.checkCanceled();
        LinearSGDModel model = trainer.train(data);
        context.checkCanceled();
        context.progress(1, "Trained " + NAME.toLowerCase() + " for " + settings.epochs() + " epochs");

        var provenance = new LinkedHashMap<String, String>();
        provenance.put("learner", NAME);
        Settings.toMap(settings).forEach((k, v) -> provenance.put("setting." + k, String.valueOf(v)));
        provenance.put("seed", Long.toString(settings.seed()));
        provenance.put("trainingRows", Integer.toString(training.rowCount()));
        provenance.put("library", "Tribuo " + Tribuo.VERSION);
        provenance.put("trainer", trainer.toString());
        ModelSpec spec = TribuoTables.classifierSpec(NAME, training.spec(), columns, provenance);
        return new LinearClassifier(spec, model);
    }

    @Override
    public Learner withSettings(Map<String, Object> overrides) {
        return new LogisticRegressionLearner(Settings.with(settings, overrides));
    }

    LogisticRegressionSettings settings() {
        return settings;
    }

    static StochasticGradientOptimiser optimiser(LogisticRegressionSettings s) {
        double lr = s.learningRate();
        return switch (s.optimiser()) {
            case SGD -> SGD.getSimpleSGD(lr);
            case MOMENTUM -> SGD.getSimpleSGD(lr, 0.9, SGD.Momentum.STANDARD);
            case ADAGRAD -> new AdaGrad(lr, 1e-6);
            case RMSPROP -> new RMSProp(lr, 0.9);
            case ADAM -> new Adam(lr, 0.9, 0.999, 1e-8);
        };
    }
}
