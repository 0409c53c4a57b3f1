package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.PortObject;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import dev.quiver.nodes.tribuo.DecisionTreeNodeFactory;
import dev.quiver.nodes.tribuo.LibLinearNodeFactory;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.nodes.tribuo.SvmNodeFactory;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The search space derived from each learner's settings record, by the rules of the settings schema. */
class SearchSpaceTest {
    static final List<NodeFactory<?>> TRIBUO = List.of(new LogisticRegressionNodeFactory(), new LibLinearNodeFactory(),
            new DecisionTreeNodeFactory(), new RandomForestNodeFactory(), new SvmNodeFactory());

    /**
     * Every node factory of the Tribuo bundle whose output is a learner, found the way SCR finds
     * them: from the component descriptions under OSGI-INF of the bundle on the class path.
     */
    static List<NodeFactory<?>> installedLearnerNodes() throws Exception {
        var location = java.nio.file.Path.of(RandomForestNodeFactory.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        var names = new java.util.ArrayList<String>();
        var xml = new java.util.ArrayList<String>();
        if (java.nio.file.Files.isDirectory(location)) {
            try (var files = java.nio.file.Files.list(location.resolve("OSGI-INF"))) {
                for (var f : files.toList()) {
                    xml.add(java.nio.file.Files.readString(f));
                }
            }
        } else {
            try (var jar = new java.util.zip.ZipFile(location.toFile())) {
                for (var e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                        xml.add(new String(jar.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        var m = java.util.regex.Pattern.compile("<implementation class=\"([^\"]+)\"");
        for (String x : xml) {
            var matcher = m.matcher(x);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        var out = new java.util.ArrayList<NodeFactory<?>>();
        for (String n : names.stream().sorted().toList()) {
            Object o = Class.forName(n).getConstructor().newInstance();
            if (o instanceof NodeFactory<?> f && f.descriptor().outputs().stream()
                    .anyMatch(p -> p.type().equals(dev.quiver.api.port.PortType.LEARNER))) {
                out.add(f);
            }
        }
        return out;
    }

    static <S extends Record> Learner defaultLearner(NodeFactory<S> f) {
        return (Learner) f.execute(new Ports<PortObject>(f.descriptor().inputs(), List.of()), f.defaultSettings(),
                TestContext.create()).outputs().get(0);
    }

    static String describe(SearchSpace space) {
        return space.parameters().stream().map(SearchSpace.Parameter::describe).collect(Collectors.joining("; "));
    }

    static SearchSpace defaultSpace(NodeFactory<?> f) {
        LearnerSpec spec = defaultLearner(f).spec();
        var hpo = new HyperparameterSearchNodeFactory(List.of(f));
        var d = hpo.defaultSettings();
        Metric metric = spec.task() == dev.quiver.api.port.Task.REGRESSION ? Metric.RMSE : Metric.ACCURACY;
        return hpo.plan(spec, new HyperparameterSearchNodeFactory.HyperparameterSearchSettings(d.parameters(),
                d.strategy(), metric, d.validation(), d.folds(), d.holdOutFraction(), d.maxTrials(),
                d.timeLimitSeconds(), d.parallelism(), d.seed(), d.labelColumn(), d.featureColumns())).space();
    }

    @Test
    void everyTribuoLearnerGetsItsTunableSettingsWithDefaultRanges() {
        var got = new java.util.LinkedHashMap<String, String>();
        for (NodeFactory<?> f : TRIBUO) {
            got.put(f.descriptor().id(), describe(defaultSpace(f)));
        }
        assertEquals(Map.of(
                "quiver.tribuo.logistic-regression", "optimiser ∈ [SGD, MOMENTUM, ADAGRAD, RMSPROP, ADAM];"
                        + " learningRate ∈ [0.01, 10] (log); l2 ∈ [0, 10] (linear); minibatchSize ∈ [1, 10] (int_log)",
                "quiver.tribuo.liblinear", "solver ∈ [L2_LOGISTIC, L1_LOGISTIC, L2_SVM, L2_SVM_HINGE, L1_SVM,"
                        + " CRAMMER_SINGER]; cost ∈ [0.01, 100] (log)",
                "quiver.tribuo.decision-tree", "maxDepth ∈ [1, 80] (int_log); minChildWeight ∈ [0, 55] (linear);"
                        + " minImpurityDecrease ∈ [0, 1] (linear); impurity ∈ [GINI, ENTROPY];"
                        + " featuresPerSplit ∈ [0.01, 1] (linear); randomSplitPoints ∈ [false, true]",
                "quiver.tribuo.random-forest", "maxDepth ∈ [2, 200] (int_log); minChildWeight ∈ [0, 11] (linear);"
                        + " featuresPerSplit ∈ [0.01, 0.99] (linear); impurity ∈ [GINI, ENTROPY]",
                // gamma's 0 means "automatic", so its range cannot be a log scale by default: name it with a LOG range.
                "quiver.tribuo.svm", "kernel ∈ [RBF, LINEAR, POLYNOMIAL, SIGMOID]; cost ∈ [0.01, 100] (log);"
                        + " gamma ∈ [0, 10] (linear); degree ∈ [1, 10] (int); coef0 ∈ [-10, 10] (linear);"
                        + " probabilities ∈ [false, true]"), got);
    }

    @Test
    void everyLearnerNodeOfTheTribuoBundleGetsASpaceTheLearnerAccepts() throws Exception {
        List<NodeFactory<?>> installed = installedLearnerNodes();
        assertTrue(installed.size() >= TRIBUO.size(), installed.toString());
        for (NodeFactory<?> f : installed) {
            Learner learner = defaultLearner(f);
            SearchSpace space = defaultSpace(f);
            assertTrue(space.dimensions() > 0, f.descriptor().id());
            for (double u : new double[] {0, 0.5, 1}) {
                double[] point = new double[space.dimensions()];
                java.util.Arrays.fill(point, u);
                assertEquals(f.descriptor().id(), learner.withSettings(space.settings(point)).spec().nodeTypeId());
            }
        }
    }

    @Test
    void everyCornerAndTheCentreOfEachDefaultSpaceIsAcceptedByTheLearner() {
        for (NodeFactory<?> f : TRIBUO) {
            Learner learner = defaultLearner(f);
            SearchSpace space = defaultSpace(f);
            for (double u : new double[] {0, 0.5, 1}) {
                double[] point = new double[space.dimensions()];
                java.util.Arrays.fill(point, u);
                Learner tuned = learner.withSettings(space.settings(point));
                assertEquals(learner.spec().nodeTypeId(), tuned.spec().nodeTypeId());
            }
        }
    }

    @Test
    void theBudgetSeedsColumnsListsAndUnboundedNumbersAreNotSearchedByDefault() {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
        LearnerSpec spec = new StubLearner(StubLearner.defaults()).spec();
        SearchSpace space = hpo.plan(spec, hpo.defaultSettings()).space();
        assertEquals("c ∈ [0.01, 100] (log); gamma ∈ [0, 1] (linear); shape ∈ [SMOOTH, FLAT]; shrink ∈ [false, true]",
                describe(space));
    }

    @Test
    void anUnknownOrUntunableNameIsRefusedListingTheTunableOnes() {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
        LearnerSpec spec = new StubLearner(StubLearner.defaults()).spec();
        for (String name : List.of("gama", "seed", "weightColumn", "layers", "untunedCount")) {
            var settings = withParameters(hpo, List.of(ParameterRange.named(name)));
            var e = assertThrows(InvalidInputException.class, () -> hpo.plan(spec, settings));
            assertEquals("The learner has no tunable setting '" + name + "' (tunable: c, gamma, shape, shrink, epochs)."
                    + " Choose one of these.", e.getMessage());
        }
    }

    @Test
    void explicitRangesAreCheckedAgainstTheSettingsBounds() {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
        LearnerSpec spec = new StubLearner(StubLearner.defaults()).spec();
        var tooWide = withParameters(hpo, List.of(ParameterRange.of("gamma", Kind.LINEAR, 0, 2)));
        assertEquals("Parameter 'gamma' may not reach 2: the learner accepts 0 to 1. Narrow the range.",
                assertThrows(InvalidInputException.class, () -> hpo.plan(spec, tooWide)).getMessage());
        var logFromZero = withParameters(hpo, List.of(ParameterRange.of("gamma", Kind.LOG, 0, 1)));
        assertTrue(assertThrows(InvalidInputException.class, () -> hpo.plan(spec, logFromZero)).getMessage()
                .startsWith("Parameter 'gamma' is searched on a log scale, so its minimum must be above 0"));
        var badChoice = withParameters(hpo, List.of(new ParameterRange("shape", Kind.CHOICE, 0, 0, List.of("ROUND"), 0)));
        assertEquals("Parameter 'shape' has no choice 'ROUND' (choices: SMOOTH, FLAT). Choose among these.",
                assertThrows(InvalidInputException.class, () -> hpo.plan(spec, badChoice)).getMessage());
        var ok = withParameters(hpo, List.of(ParameterRange.of("epochs", Kind.LINEAR, 10.5, 20),
                new ParameterRange("shape", null, 0, 0, List.of("flat"), 0)));
        assertEquals("epochs ∈ [11, 20] (int); shape ∈ [flat]", describe(hpo.plan(spec, ok).space()));
    }

    @Test
    void withoutTheLearnersNodeOnlyItsPrintedSettingsAreKnown() {
        var hpo = new HyperparameterSearchNodeFactory(List.of());
        LearnerSpec spec = new StubLearner(StubLearner.defaults()).spec();
        assertEquals("shrink ∈ [false, true]", describe(hpo.plan(spec, hpo.defaultSettings()).space()));
        var noBounds = withParameters(hpo, List.of(ParameterRange.named("c")));
        assertEquals("Parameter 'c' has no known bounds: give its minimum and maximum.",
                assertThrows(InvalidInputException.class, () -> hpo.plan(spec, noBounds)).getMessage());
        var explicit = withParameters(hpo, List.of(ParameterRange.of("c", Kind.LOG, 0.1, 10)));
        assertEquals("c ∈ [0.1, 10] (log)", describe(hpo.plan(spec, explicit).space()));
    }

    @Test
    void gridUnitsGiveEvenlySpacedDistinctValues() {
        var log = new SearchSpace.Parameter("c", Kind.LOG, 0.01, 100, List.of(), 5, false);
        assertEquals(List.of(0.01, 0.1, 1.0, 10.0, 100.0), log.gridUnits().stream()
                .map(u -> Math.round((double) log.value(u) * 1e6) / 1e6).toList());
        var ints = new SearchSpace.Parameter("depth", Kind.INT, 1, 3, List.of(), 5, true);
        assertEquals(List.of(1L, 2L, 3L), ints.gridUnits().stream().map(ints::value).toList());
        var intLog = new SearchSpace.Parameter("trees", Kind.INT_LOG, 10, 1000, List.of(), 3, true);
        assertEquals(List.of(10L, 100L, 1000L), intLog.gridUnits().stream().map(intLog::value).toList());
        assertFalse(ints.gridUnits().isEmpty());
    }

    static HyperparameterSearchNodeFactory.HyperparameterSearchSettings withParameters(
            HyperparameterSearchNodeFactory hpo, List<ParameterRange> parameters) {
        var d = hpo.defaultSettings();
        return new HyperparameterSearchNodeFactory.HyperparameterSearchSettings(parameters, d.strategy(), d.metric(),
                d.validation(), d.folds(), d.holdOutFraction(), d.maxTrials(), d.timeLimitSeconds(), d.parallelism(),
                d.seed(), d.labelColumn(), d.featureColumns());
    }
}
