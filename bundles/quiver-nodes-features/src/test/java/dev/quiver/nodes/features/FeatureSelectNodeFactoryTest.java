package dev.quiver.nodes.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSelectNodeFactoryTest {
    private final NodeTester<FeatureSelectSettings> tester = NodeTester.of(new FeatureSelectNodeFactory());

    private NodeResult run(Map<String, ?> settings, Table t) {
        return tester.execute(tester.settings(settings), t);
    }

    /** The scores output as feature → score, in rank order. */
    private static Map<String, Double> scores(NodeResult r) {
        Table s = (Table) r.outputs().get(2);
        var out = new LinkedHashMap<String, Double>();
        for (int i = 0; i < s.rowCount(); i++) {
            out.put(s.stringColumn("feature").get(i), s.column("score").getDouble(i));
        }
        return out;
    }

    private static List<String> selected(NodeResult r) {
        Table s = (Table) r.outputs().get(2);
        var out = new ArrayList<String>();
        for (int i = 0; i < s.rowCount(); i++) {
            if (((BooleanColumn) s.column("selected")).get(i)) {
                out.add(s.stringColumn("feature").get(i));
            }
        }
        return out;
    }

    @Test
    void configureKnowsTheScoresButNotWhichColumnsSurvive() {
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), Fixtures.iris().spec());
        assertFalse(out.get(0).isKnown());
        assertFalse(out.get(1).isKnown());
        TableSpec scores = (TableSpec) out.get(2);
        assertEquals(List.of("feature", "score", "selected", "rank"), scores.names());
        assertEquals(TestTables.IRIS, scores.find("feature").orElseThrow().domain());
    }

    @Test
    void varianceThresholdMatchesScikitLearn() {
        NodeResult r = run(Map.of("varianceThreshold", 0.2), Fixtures.iris());
        // scikit-learn 1.2.1: VarianceThreshold(0.2).fit(X) on iris.csv: variances_ and get_support().
        Map<String, Double> s = scores(r);
        assertEquals(0.6811222222222222, s.get("sepal_length"), 1e-12);
        assertEquals(0.1887128888888887, s.get("sepal_width"), 1e-12);
        assertEquals(3.0955026666666674, s.get("petal_length"), 1e-12);
        assertEquals(0.5771328888888888, s.get("petal_width"), 1e-12);
        assertEquals(List.of("petal_length", "sepal_length", "petal_width", "sepal_width"), List.copyOf(s.keySet()),
                "ranked by variance");
        assertEquals(List.of("sepal_length", "petal_length", "petal_width", "class"),
                ((Table) r.outputs().get(0)).spec().names(), "kept columns in table order, the label passes through");

        // VarianceThreshold(1.0) on wine.csv keeps these five.
        NodeResult wine = run(Map.of("varianceThreshold", 1.0), Fixtures.wine());
        assertEquals(List.of("malic_acid", "alcalinity_of_ash", "magnesium", "color_intensity", "proline", "class"),
                ((Table) wine.outputs().get(0)).spec().names());
        assertEquals(98609.60096578706, scores(wine).get("proline"), 1e-6);
    }

    @Test
    void varianceZeroDropsOnlyConstantColumns() {
        Table t = Table.of(DoubleColumn.of("c", 0.1, 0.1, 0.1), DoubleColumn.of("x", 1, 2, 3));
        NodeResult r = run(Map.of(), t);
        assertEquals(List.of("x"), ((Table) r.outputs().get(0)).spec().names());
        assertEquals(0.0, scores(r).get("c"));
        var none = assertThrows(InvalidInputException.class, () -> run(Map.of("varianceThreshold", 5), t));
        assertEquals("No feature has a variance above 5.0 (the largest is 0.6666666666666666, of 'x'). Lower 'Variance "
                + "threshold'.", none.getMessage());
    }

    @Test
    void correlationWithTargetMatchesScikitLearnRRegression() {
        NodeResult r = run(Map.of("method", "CORRELATION_WITH_TARGET", "k", 5), Fixtures.breastCancer());
        // scikit-learn 1.2.1: r_regression(X, y == 'malignant') on breast_cancer.csv, the five largest |r|.
        Map<String, Double> s = scores(r);
        List<String> top = List.of("worst_concave_points", "worst_perimeter", "mean_concave_points", "worst_radius",
                "mean_perimeter");
        assertEquals(top, List.copyOf(s.keySet()).subList(0, 5));
        assertArrayEquals(new double[] {0.7935660171412721, 0.7829141371737615, 0.7766138400204341, 0.7764537785950419,
                0.7426355297258388}, top.stream().mapToDouble(s::get).toArray(), 1e-12);
        assertEquals(0.006521755870647869, s.get("symmetry_error"), 1e-12);
        assertEquals(6, ((Table) r.outputs().get(0)).columnCount(), "five features and the label");
    }

    @Test
    void correlationFilterKeepsTheFirstOfEachRedundantPair() {
        NodeResult r = run(Map.of("method", "CORRELATION_FILTER", "correlationThreshold", 0.9), Fixtures.iris());
        // numpy.corrcoef on iris.csv: r(petal_length, petal_width) = 0.9628654314027958, the only pair above 0.9.
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "class"),
                ((Table) r.outputs().get(0)).spec().names());
        assertEquals(0.9628654314027958, scores(r).get("petal_width"), 1e-12);
        // At 0.85, sepal_length (r = 0.8717537758865829 with petal_length) comes first, so petal_length goes,
        // and petal_width (r = 0.817941126271576 with sepal_length) stays.
        NodeResult lower = run(Map.of("method", "CORRELATION_FILTER", "correlationThreshold", 0.85), Fixtures.iris());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_width"), selected(lower));
        assertEquals(0.8717537758865829, scores(lower).get("petal_length"), 1e-12);
    }

    @Test
    void mutualInformationRanksWineLikeScikitLearnOnTheSameBins() {
        NodeResult r = run(Map.of("method", "MUTUAL_INFORMATION", "k", 3), Fixtures.wine());
        // scikit-learn 1.2.1: mutual_info_score(y, KBinsDiscretizer(10, 'ordinal', 'quantile').fit_transform(x))
        // per wine column: flavanoids and proline carry the most information about the cultivar.
        Map<String, Double> s = scores(r);
        assertEquals(List.of("flavanoids", "proline", "color_intensity", "od280_od315_of_diluted_wines", "alcohol"),
                List.copyOf(s.keySet()).subList(0, 5));
        assertEquals(0.6723954416450173, s.get("flavanoids"), 1e-12);
        assertEquals(0.5825206877825477, s.get("proline"), 1e-12);
        assertEquals(0.5492827264441914, s.get("color_intensity"), 1e-12);
        assertEquals(0.15544778305424034, s.get("ash"), 1e-12);
        assertEquals(List.of("flavanoids", "color_intensity", "proline", "class"),
                ((Table) r.outputs().get(0)).spec().names());
        // With 5 bins: the same two lead (0.6184579783198658, 0.5313003837260772).
        Map<String, Double> five = scores(run(Map.of("method", "MUTUAL_INFORMATION", "k", 3, "bins", 5), Fixtures.wine()));
        assertEquals(0.6184579783198658, five.get("flavanoids"), 1e-12);
        assertEquals(0.5313003837260772, five.get("proline"), 1e-12);
    }

    @Test
    void mrmrPassesOverRedundantFeatures() {
        NodeResult r = run(Map.of("method", "MRMR", "k", 5), Fixtures.wine());
        // Greedy MID mRMR over the same 10-bin codes, computed with mutual_info_score in Python: alcohol comes
        // second although four features have more information, because it repeats little of flavanoids.
        assertEquals(List.of("flavanoids", "alcohol", "proline", "od280_od315_of_diluted_wines", "color_intensity"),
                List.copyOf(scores(r).keySet()).subList(0, 5));
        assertArrayEquals(new double[] {0.6723954416450173, 0.01674756666925914, 0.030149036698942977,
                0.029807307439397912, 0.015515340066794225},
                scores(r).values().stream().limit(5).mapToDouble(Double::doubleValue).toArray(), 1e-12);
        assertEquals(5, selected(r).size());
    }

    @Test
    void transformAppliesTheSameSelectionAndRefitsOnOtherRows() {
        Table wine = Fixtures.wine();
        var settings = Map.of("method", "MUTUAL_INFORMATION", "k", 4);
        NodeResult r = run(settings, wine.slice(0, 120));
        Transform transform = (Transform) r.outputs().get(1);
        Table own = (Table) r.outputs().get(0);
        assertEquals(own.spec().names(), transform.apply(wine.slice(0, 120), TestContext.create()).spec().names());
        Table test = transform.apply(wine.slice(120, 178), TestContext.create());
        assertEquals(own.spec().names(), test.spec().names());
        assertEquals(58, test.rowCount());
        var refit = (FeatureSelectLearner.Fitted) transform.learner().fit(wine.slice(0, 120), TestContext.create());
        assertEquals(((FeatureSelectLearner.Fitted) transform).selected(), refit.selected());
        var other = (FeatureSelectLearner.Fitted) transform.learner().fit(wine, TestContext.create());
        assertEquals(4, other.selected().size());
        var missing = assertThrows(InvalidInputException.class,
                () -> transform.apply(wine.drop(List.of(refit.selected().get(0))), TestContext.create()));
        assertTrue(missing.getMessage().startsWith("The Feature Selection transform needs column(s) "
                + refit.selected().get(0)), missing.getMessage());
    }

    @Test
    void labelProblemsGiveClearErrors() {
        var threeClasses = assertThrows(InvalidInputException.class, () -> tester.configure(
                tester.settings(Map.of("method", "CORRELATION_WITH_TARGET")), Fixtures.iris().spec()));
        assertEquals("Label column 'class' is nominal with 3 classes (setosa, versicolor, virginica), but "
                + "CORRELATION_WITH_TARGET needs a numeric label or exactly two classes. Use MUTUAL_INFORMATION or "
                + "MRMR for more classes.", threeClasses.getMessage());
        var noLabel = assertThrows(InvalidInputException.class, () -> tester.configure(
                tester.settings(Map.of("method", "MRMR")), Fixtures.iris().select(TestTables.IRIS).spec()));
        assertEquals("No column has the role label, and MRMR needs one. Choose the 'Label column'.", noLabel.getMessage());
        var numericLabel = assertThrows(InvalidInputException.class, () -> tester.configure(
                tester.settings(Map.of("method", "MUTUAL_INFORMATION", "label", "petal_width")), Fixtures.iris().spec()));
        assertTrue(numericLabel.getMessage().startsWith("Label column 'petal_width' is a double column, but "
                + "MUTUAL_INFORMATION needs classes"), numericLabel.getMessage());
        var labelAsCandidate = assertThrows(InvalidInputException.class, () -> tester.configure(
                tester.settings(Map.of("method", "CORRELATION_WITH_TARGET", "label", "petal_width",
                        "columns", List.of("petal_length", "petal_width"))), Fixtures.iris().spec()));
        assertTrue(labelAsCandidate.getMessage().startsWith("The label column 'petal_width' is also a candidate."),
                labelAsCandidate.getMessage());
        // A numeric label picked by name is fine for correlation, and is left out of the candidates.
        NodeResult r = run(Map.of("method", "CORRELATION_WITH_TARGET", "label", "petal_width", "k", 1), Fixtures.iris());
        assertEquals(List.of("petal_length"), selected(r));
        assertEquals(0.9628654314027958, scores(r).get("petal_length"), 1e-12);
    }

    @Test
    void cancellationStopsTheScoring() {
        TestContext ctx = TestContext.create();
        ctx.cancel();
        assertThrows(CanceledException.class,
                () -> tester.execute(tester.settings(Map.of("method", "MRMR")), ctx, Fixtures.wine()));
    }
}
