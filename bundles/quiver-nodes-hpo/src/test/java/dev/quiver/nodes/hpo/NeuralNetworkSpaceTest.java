package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.port.Learner;
import dev.quiver.nodes.dl4j.NeuralNetworkNodeFactory;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.HyperparameterSearchSettings;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Strategy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DL4J neural network through the same generic path: its hidden layers (a list of records)
 * are not searched, epochs is the budget, and every point of its default space is accepted. Only
 * settings are touched, so ND4J never starts.
 */
class NeuralNetworkSpaceTest {
    @Test
    void theNeuralNetworksSettingsGiveItsSpaceAndEpochsIsTheBudget() {
        var node = new NeuralNetworkNodeFactory();
        Learner learner = SearchSpaceTest.defaultLearner(node);
        var hpo = new HyperparameterSearchNodeFactory(List.of(node));
        SearchSpace space = hpo.plan(learner.spec(), hpo.defaultSettings()).space();
        assertEquals("weightInit ∈ [XAVIER, XAVIER_UNIFORM, HE, HE_UNIFORM, LECUN_NORMAL];"
                + " optimiser ∈ [SGD, NESTEROV, ADAGRAD, RMSPROP, ADAM, ADAMAX]; learningRate ∈ [0.00001, 0.1] (log);"
                + " schedule ∈ [NONE, STEP, EXPONENTIAL]; decayRate ∈ [0.01, 1] (linear); l1 ∈ [0, 10] (linear);"
                + " l2 ∈ [0, 10] (linear); batchSize ∈ [4, 320] (int_log); validationFraction ∈ [0, 0.5] (linear)",
                SearchSpaceTest.describe(space));
        assertEquals(space.parameters(), hpo.plan(learner, hpo.defaultSettings()).space().parameters());
        for (double u : new double[] {0, 0.5, 1}) {
            double[] point = new double[space.dimensions()];
            Arrays.fill(point, u);
            assertEquals(NeuralNetworkNodeFactory.ID, learner.withSettings(space.settings(point)).spec().nodeTypeId());
        }
        var d = hpo.defaultSettings();
        var halving = new HyperparameterSearchSettings(d.parameters(), Strategy.SUCCESSIVE_HALVING, d.metric(),
                d.validation(), d.folds(), d.holdOutFraction(), d.maxTrials(), 0, 0, 42, "", List.of());
        var plan = hpo.plan(learner.spec(), halving);
        assertEquals("epochs", plan.budget().orElseThrow().name());
        assertTrue(plan.space().parameters().stream().noneMatch(p -> p.name().equals("epochs")));
    }

    @Test
    void successiveHalvingTrainsTheNetworkForMoreEpochsRungByRung() {
        Learner net = SearchSpaceTest.defaultLearner(new NeuralNetworkNodeFactory());
        var hpo = new HyperparameterSearchNodeFactory(List.of(new NeuralNetworkNodeFactory()));
        var s = new HyperparameterSearchSettings(List.of(ParameterRange.of("learningRate", ParameterRange.Kind.LOG,
                1e-4, 0.1)), Strategy.SUCCESSIVE_HALVING, Metric.ACCURACY,
                HyperparameterSearchNodeFactory.Validation.HOLD_OUT, 5, 0.3, 5, 0, 1, 42, "", List.of());
        var r = dev.quiver.testkit.NodeTester.of(hpo).execute(s, net, dev.quiver.testkit.Fixtures.iris(), null);
        var trials = (dev.quiver.api.table.Table) r.outputs().get(2);
        // 20 epochs by default: 4 learning rates for 7 epochs, the best for all 20.
        assertEquals(5, trials.rowCount());
        assertEquals(List.of(7.0, 7.0, 7.0, 7.0, 20.0), java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> trials.doubleColumn("budget").get(i)).toList());
        assertEquals("20", ((Learner) r.outputs().get(0)).spec().settings().get("epochs"));
        assertTrue(trials.doubleColumn("accuracy").get(4) > 0.8, trials.toString());
    }
}
