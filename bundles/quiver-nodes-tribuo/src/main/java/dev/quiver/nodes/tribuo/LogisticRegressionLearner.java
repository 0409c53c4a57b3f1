package dev.quiver.nodes.tribuo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory.LogisticRegressionSettings;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;

/** The logistic-regression learner: settings in, a fitted {@link LinearClassifier} out. */
final class LogisticRegressionLearner extends TribuoClassifierLearner<LogisticRegressionSettings> {
    static final String NAME = "Logistic regression";

    LogisticRegressionLearner(LogisticRegressionSettings settings) {
        super(settings);
    }

    @Override
    String name() {
        return NAME;
    }

    @Override
    String nodeTypeId() {
        return LogisticRegressionNodeFactory.ID;
    }

    @Override
    LogisticRegressionLearner withSettings(LogisticRegressionSettings newSettings) {
        return new LogisticRegressionLearner(newSettings);
    }

    @Override
    long seed() {
        return settings.seed();
    }

    @Override
    Trained train(MutableDataset<Label> data, ModelSpec spec, ExecutionContext context) {
        StochasticGradientOptimiser optimiser = MonitoredOptimiser.of(optimiser(settings), settings.l2(),
                settings.minibatchSize(), context, data.size(), settings.epochs());
        // Logging interval -1: Tribuo's per-iteration loss lines are off; progress comes from the optimiser.
        var trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser, settings.epochs(), -1,
                settings.minibatchSize(), settings.seed());
        return new Trained(new LinearClassifier(spec, trainer.train(data)), trainer.toString());
    }

    static StochasticGradientOptimiser optimiser(LogisticRegressionSettings s) {
        return optimiser(s.optimiser(), s.learningRate());
    }

    static StochasticGradientOptimiser optimiser(LogisticRegressionNodeFactory.Optimiser optimiser, double lr) {
        return switch (optimiser) {
            case SGD -> SGD.getSimpleSGD(lr);
            case MOMENTUM -> SGD.getSimpleSGD(lr, 0.9, SGD.Momentum.STANDARD);
            case ADAGRAD -> new AdaGrad(lr, 1e-6);
            case RMSPROP -> new RMSProp(lr, 0.9);
            case ADAM -> new Adam(lr, 0.9, 0.999, 1e-8);
        };
    }
}
