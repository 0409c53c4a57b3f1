package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.ScorerNodeFactory.ScorerSettings;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerNodeFactoryTest {
    private static final double EPS = 1e-9;
    private final NodeTester<ScorerSettings> tester = NodeTester.of(new ScorerNodeFactory());
    private final ScorerSettings defaults = new ScorerNodeFactory().defaultSettings();

    /** A table as Predict writes it: the label, then `prediction` pointing back at it, then P(class) columns. */
    static Table predictions(String label, List<String> actual, List<String> predicted, List<String> classes,
            double[][] probabilities) {
        var cols = new ArrayList<Column>();
        cols.add(StringColumn.of(new ColumnSpec(label, ColumnType.STRING, ColumnRole.LABEL, classes, Map.of()), actual));
        cols.add(StringColumn.of(new ColumnSpec(ModelSpec.PREDICTION, ColumnType.STRING, ColumnRole.PREDICTION, classes,
                Map.of("label", label)), predicted));
        if (probabilities != null) {
            for (int k = 0; k < classes.size(); k++) {
                double[] p = new double[actual.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = probabilities[i][k];
                }
                cols.add(DoubleColumn.wrap(new ColumnSpec(ModelSpec.probabilityColumn(classes.get(k)), ColumnType.DOUBLE,
                        ColumnRole.PROBABILITY, List.of(), Map.of("class", classes.get(k))), p));
            }
        }
        return Table.of(cols);
    }

    static double metric(Table metrics, String name) {
        StringColumn names = metrics.stringColumn("metric");
        for (int i = 0; i < metrics.rowCount(); i++) {
            if (names.get(i).equals(name)) {
                return metrics.doubleColumn("value").get(i);
            }
        }
        throw new AssertionError("No metric '" + name + "' in " + Arrays.toString(metricNames(metrics)));
    }

    static String[] metricNames(Table metrics) {
        StringColumn names = metrics.stringColumn("metric");
        String[] out = new String[metrics.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.get(i);
        }
        return out;
    }

    private static int row(Table t, String column, String value) {
        StringColumn c = t.stringColumn(column);
        for (int i = 0; i < t.rowCount(); i++) {
            if (value.equals(c.get(i))) {
                return i;
            }
        }
        throw new AssertionError("No row with " + column + " = " + value);
    }

    @Test
    void handComputedBinaryMetrics() {
        // actual y y y n n n, predicted y y n n n y: per class TP 2, FP 1, FN 1, so P = R = F1 = 2/3.
        // Chance agreement p_e = 0.5·0.5 + 0.5·0.5 = 0.5, so kappa = (2/3 - 1/2) / (1 - 1/2) = 1/3.
        Table t = predictions("y", List.of("y", "y", "y", "n", "n", "n"), List.of("y", "y", "n", "n", "n", "y"),
                List.of("n", "y"), null);
        NodeResult r = tester.execute(defaults, t);
        Table m = (Table) r.outputs().get(0);
        assertEquals(4.0 / 6, metric(m, "accuracy"), EPS);
        assertEquals(2.0 / 6, metric(m, "error rate"), EPS);
        assertEquals(1.0 / 3, metric(m, "Cohen's kappa"), EPS);
        for (String avg : List.of("macro", "weighted")) {
            assertEquals(2.0 / 3, metric(m, avg + " precision"), EPS);
            assertEquals(2.0 / 3, metric(m, avg + " recall"), EPS);
            assertEquals(2.0 / 3, metric(m, avg + " F1"), EPS);
        }
        assertEquals(6, metric(m, "rows scored"), 0);

        Table classes = (Table) r.outputs().get(1);
        int y = row(classes, "class", "y");
        assertEquals(2, ((LongColumn) classes.column("TP")).get(y));
        assertEquals(1, ((LongColumn) classes.column("FP")).get(y));
        assertEquals(1, ((LongColumn) classes.column("FN")).get(y));
        assertEquals(3, ((LongColumn) classes.column("support")).get(y));

        Table confusion = (Table) r.outputs().get(2);
        assertEquals(List.of("actual", "n", "y"), confusion.spec().names());
        int actualY = row(confusion, "actual", "y");
        assertEquals(1, ((LongColumn) confusion.column("n")).get(actualY));
        assertEquals(2, ((LongColumn) confusion.column("y")).get(actualY));

        Table roc = (Table) r.outputs().get(3);
        assertEquals(0, roc.rowCount(), "no probability columns, so no ROC points");
        assertEquals(ScorerNodeFactory.ROC_SPEC.names(), roc.spec().names());
        assertFalse(Arrays.asList(metricNames(m)).contains("log loss"));
    }

    @Test
    void zeroDivisionGivesZeroAndMacroCountsPredictedOnlyClasses() {
        // Class m is predicted once but never actual: precision 0/1 = 0, recall 0/0 -> 0 (zero_division=0).
        // macro P = (1 + 1 + 0)/3, R = (0.5 + 1 + 0)/3, F1 = (2/3 + 1 + 0)/3; weighted by support 2, 2, 0.
        // p_o = 3/4, p_e = 0.5·0.25 + 0.5·0.5 = 0.375, kappa = 0.375 / 0.625 = 0.6.
        Table t = predictions("y", List.of("y", "y", "n", "n"), List.of("y", "m", "n", "n"), List.of("m", "n", "y"),
                null);
        Table m = (Table) tester.execute(defaults, t).outputs().get(0);
        assertEquals(0.75, metric(m, "accuracy"), EPS);
        assertEquals(2.0 / 3, metric(m, "macro precision"), EPS);
        assertEquals(0.5, metric(m, "macro recall"), EPS);
        assertEquals(5.0 / 9, metric(m, "macro F1"), EPS);
        assertEquals(1.0, metric(m, "weighted precision"), EPS);
        assertEquals(0.75, metric(m, "weighted recall"), EPS);
        assertEquals(5.0 / 6, metric(m, "weighted F1"), EPS);
        assertEquals(0.6, metric(m, "Cohen's kappa"), EPS);
    }

    /** Twelve predictions of three classes with probabilities whose argmax is the prediction. */
    static final List<String> ANIMALS = List.of("bird", "cat", "dog");
    static final List<String> ACTUAL = List.of("cat", "cat", "cat", "cat", "dog", "dog", "dog", "bird", "bird", "bird",
            "bird", "bird");
    static final List<String> PREDICTED = List.of("cat", "dog", "cat", "cat", "dog", "cat", "dog", "bird", "cat", "bird",
            "dog", "bird");
    static final double[][] PROBABILITIES = {
        {0.1, 0.7, 0.2}, {0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}, {0.3, 0.4, 0.3}, {0.1, 0.2, 0.7}, {0.2, 0.5, 0.3},
        {0.25, 0.25, 0.5}, {0.8, 0.1, 0.1}, {0.3, 0.4, 0.3}, {0.6, 0.3, 0.1}, {0.3, 0.2, 0.5}, {0.9, 0.05, 0.05}};

    @Test
    void matchesScikitLearnOnAFixedPredictionSet() {
        // Reference: scikit-learn 1.2.1 (Debian python3-sklearn), classification_report(digits=6, zero_division=0),
        // precision_recall_fscore_support(average=...), cohen_kappa_score, roc_auc_score (binary per class and
        // multi_class="ovr", average="macro", labels=[bird, cat, dog]) and log_loss(labels=...) on these rows.
        NodeResult r = tester.execute(defaults, predictions("animal", ACTUAL, PREDICTED, ANIMALS, PROBABILITIES));
        Table m = (Table) r.outputs().get(0);
        assertEquals(0.6666666666666666, metric(m, "accuracy"), EPS);
        assertEquals(0.5051546391752577, metric(m, "Cohen's kappa"), EPS);
        assertEquals(0.7000000000000001, metric(m, "macro precision"), EPS);
        assertEquals(0.6722222222222222, metric(m, "macro recall"), EPS);
        assertEquals(0.6626984126984127, metric(m, "macro F1"), EPS);
        assertEquals(0.7416666666666667, metric(m, "weighted precision"), EPS);
        assertEquals(0.6666666666666666, metric(m, "weighted recall"), EPS);
        assertEquals(0.677579365079365, metric(m, "weighted F1"), EPS);
        assertEquals(0.9714285714285714, metric(m, "AUC bird vs rest"), EPS);
        assertEquals(0.875, metric(m, "AUC cat vs rest"), EPS);
        assertEquals(0.8333333333333333, metric(m, "AUC dog vs rest"), EPS);
        assertEquals(0.8932539682539682, metric(m, "macro AUC"), EPS);
        assertEquals(0.7074028610099439, metric(m, "log loss"), EPS);

        Table classes = (Table) r.outputs().get(1);
        double[] precision = {1.0, 0.6, 0.5};
        double[] recall = {0.6, 0.75, 0.6666666666666666};
        double[] f1 = {0.7499999999999999, 0.6666666666666665, 0.5714285714285715};
        long[] support = {5, 4, 3};
        for (int k = 0; k < 3; k++) {
            int i = row(classes, "class", ANIMALS.get(k));
            assertEquals(precision[k], classes.doubleColumn("precision").get(i), EPS);
            assertEquals(recall[k], classes.doubleColumn("recall").get(i), EPS);
            assertEquals(f1[k], classes.doubleColumn("f1").get(i), EPS);
            assertEquals(support[k], ((LongColumn) classes.column("support")).get(i));
        }

        // roc_curve(y == "bird", P(bird), drop_intermediate=False), scikit-learn 1.2.1: first threshold is max + 1.
        Table roc = (Table) r.outputs().get(3);
        double[] fpr = {0.0, 0.0, 0.0, 0.0, 0.14285714285714285, 0.2857142857142857, 0.5714285714285714, 1.0};
        double[] tpr = {0.0, 0.2, 0.4, 0.6, 1.0, 1.0, 1.0, 1.0};
        double[] thr = {1.9, 0.9, 0.8, 0.6, 0.3, 0.25, 0.2, 0.1};
        var birdRows = new ArrayList<Integer>();
        for (int i = 0; i < roc.rowCount(); i++) {
            if (roc.stringColumn("class").get(i).equals("bird")) {
                birdRows.add(i);
            }
        }
        assertEquals(fpr.length, birdRows.size());
        for (int j = 0; j < fpr.length; j++) {
            assertEquals(fpr[j], roc.doubleColumn("fpr").get(birdRows.get(j)), EPS);
            assertEquals(tpr[j], roc.doubleColumn("tpr").get(birdRows.get(j)), EPS);
            assertEquals(thr[j], roc.doubleColumn("threshold").get(birdRows.get(j)), EPS);
        }

        assertEquals(List.of("confusion-matrix", "f1-per-class", "roc"), r.charts().stream().map(ChartSpec::id).toList());
        ChartSpec heat = r.charts().get(0);
        assertEquals(List.of(ChartSpec.Mark.RECT, ChartSpec.Mark.TEXT),
                heat.layers().stream().map(ChartSpec.Layer::mark).toList());
        assertEquals(9, heat.data().rowCount());
    }

    @Test
    void skipsRowsWithAMissingClassAndSaysHowMany() {
        var actual = new ArrayList<>(ACTUAL);
        var predicted = new ArrayList<>(PREDICTED);
        actual.add(null);
        predicted.add("cat");
        actual.add("dog");
        predicted.add(null);
        double[][] probs = Arrays.copyOf(PROBABILITIES, 14);
        probs[12] = new double[] {0.1, 0.8, 0.1};
        probs[13] = new double[] {Double.NaN, Double.NaN, Double.NaN};
        TestContext ctx = TestContext.create();
        Table m = (Table) tester.execute(defaults, ctx, predictions("animal", actual, predicted, ANIMALS, probs))
                .outputs().get(0);
        assertEquals(12, metric(m, "rows scored"), 0);
        assertEquals(0.6666666666666666, metric(m, "accuracy"), EPS);
        assertEquals(0.7074028610099439, metric(m, "log loss"), EPS);
        assertTrue(ctx.warnings().stream().anyMatch(w -> w.startsWith("Skipped 2 of 14 rows")), ctx.warnings().toString());
    }

    @Test
    void configureOnSpecsAlone() {
        TableSpec spec = predictions("animal", ACTUAL, PREDICTED, ANIMALS, PROBABILITIES).spec();
        List<PortSpec> out = tester.configure(defaults, spec);
        assertEquals(ScorerNodeFactory.METRICS_SPEC, out.get(0));
        assertEquals(ScorerNodeFactory.CLASSES_SPEC, out.get(1));
        assertEquals(List.of("actual", "bird", "cat", "dog"), ((TableSpec) out.get(2)).names());
        assertEquals(ScorerNodeFactory.ROC_SPEC, out.get(3));

        // Without nominal domains the confusion matrix's columns are unknown until execution.
        TableSpec noDomains = TableSpec.of(new ColumnSpec("animal", ColumnType.STRING, ColumnRole.LABEL),
                new ColumnSpec("prediction", ColumnType.STRING, ColumnRole.PREDICTION));
        assertFalse(tester.configure(defaults, noDomains).get(2).isKnown());
    }

    @Test
    void explicitActualColumnOverridesTheLabelProperty() {
        Table t = predictions("animal", ACTUAL, PREDICTED, ANIMALS, null)
                .withColumn(StringColumn.of(new ColumnSpec("truth", ColumnType.STRING), PREDICTED));
        Table m = (Table) tester.execute(tester.settings(Map.of("actualColumn", "truth")), t).outputs().get(0);
        assertEquals(1.0, metric(m, "accuracy"), EPS);
    }

    @Test
    void clearErrors() {
        TableSpec numericActual = TableSpec.of(new ColumnSpec("y", ColumnType.DOUBLE, ColumnRole.LABEL),
                new ColumnSpec("prediction", ColumnType.STRING, ColumnRole.PREDICTION, List.of("a", "b"), Map.of()));
        var e = assertThrows(InvalidInputException.class, () -> tester.configure(defaults, numericActual));
        assertTrue(e.getMessage().startsWith("Actual column 'y' is double, but the Scorer compares nominal classes."),
                e.getMessage());

        TableSpec noPrediction = TableSpec.of(new ColumnSpec("y", ColumnType.STRING, ColumnRole.LABEL));
        e = assertThrows(InvalidInputException.class, () -> tester.configure(defaults, noPrediction));
        assertTrue(e.getMessage().startsWith("Predicted column 'prediction' not found (available: y)"), e.getMessage());

        TableSpec noActual = TableSpec.of(new ColumnSpec("x", ColumnType.STRING),
                new ColumnSpec("prediction", ColumnType.STRING, ColumnRole.PREDICTION));
        e = assertThrows(InvalidInputException.class, () -> tester.configure(defaults, noActual));
        assertTrue(e.getMessage().contains("Choose the actual column"), e.getMessage());

        Table allMissing = predictions("y", Arrays.asList(null, null), List.of("a", "b"), List.of("a", "b"), null);
        e = assertThrows(InvalidInputException.class, () -> tester.execute(defaults, allMissing));
        assertTrue(e.getMessage().startsWith("No row has both an actual"), e.getMessage());
    }

    @Test
    void perfectBinaryProbabilitiesGiveAucOne() {
        Table t = predictions("y", List.of("a", "a", "b", "b"), List.of("a", "a", "b", "b"), List.of("a", "b"),
                new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.4, 0.6}, {0.2, 0.8}});
        Table m = (Table) tester.execute(defaults, t).outputs().get(0);
        assertEquals(1.0, metric(m, "AUC a vs rest"), EPS);
        assertEquals(1.0, metric(m, "AUC b vs rest"), EPS);
        assertEquals(1.0, metric(m, "macro AUC"), EPS);
        // -mean(log 0.9, log 0.6, log 0.6, log 0.8), by hand.
        assertEquals(-(Math.log(0.9) + 2 * Math.log(0.6) + Math.log(0.8)) / 4, metric(m, "log loss"), EPS);
        assertEquals(1.0, metric(m, "Cohen's kappa"), EPS);
    }
}
