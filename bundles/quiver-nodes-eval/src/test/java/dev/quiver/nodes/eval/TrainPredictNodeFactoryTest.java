package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.PredictNodeFactory.PredictSettings;
import dev.quiver.nodes.eval.TrainNodeFactory.TrainSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainPredictNodeFactoryTest {
    private final NodeTester<TrainSettings> train = NodeTester.of(new TrainNodeFactory());
    private final NodeTester<PredictSettings> predict = NodeTester.of(new PredictNodeFactory());
    private final TrainSettings trainDefaults = new TrainNodeFactory().defaultSettings();
    private final PredictSettings predictDefaults = new PredictNodeFactory().defaultSettings();

    private static final List<String> IRIS_FEATURES = List.of("sepal_length", "sepal_width", "petal_length",
            "petal_width");
    private static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    @Test
    void trainConfiguresTheModelSpecFromSpecsAlone() {
        List<PortSpec> out = train.configure(trainDefaults, CentroidLearner.SPEC, Fixtures.iris().spec());
        ModelSpec model = (ModelSpec) out.get(0);
        assertEquals("class", model.label().name());
        assertEquals(IRIS_FEATURES, model.features().stream().map(ColumnSpec::name).toList());
        assertEquals(IRIS_CLASSES, model.classes());
        assertEquals(Task.CLASSIFICATION, model.task());
        assertEquals("euclidean", model.provenance().get("setting.metric"));

        var chosen = train.settings(Map.of("featureColumns", List.of("petal_width", "petal_length")));
        model = (ModelSpec) train.configure(chosen, CentroidLearner.SPEC, Fixtures.iris().spec()).get(0);
        assertEquals(List.of("petal_width", "petal_length"), model.features().stream().map(ColumnSpec::name).toList());

        assertFalse(train.configure(trainDefaults, PortSpec.unknown(PortType.LEARNER), Fixtures.iris().spec()).get(0)
                .isKnown());
    }

    @Test
    void trainDefaultsToTheLastNominalColumnWithoutALabelRole() {
        TableSpec spec = TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                ColumnSpec.nominal("first", ColumnRole.FEATURE, List.of("a", "b")),
                ColumnSpec.nominal("second", ColumnRole.FEATURE, List.of("c", "d")));
        ModelSpec model = (ModelSpec) train.configure(trainDefaults, CentroidLearner.SPEC, spec).get(0);
        assertEquals("second", model.label().name());
        assertEquals(List.of("x"), model.features().stream().map(ColumnSpec::name).toList());
    }

    @Test
    void trainErrorsSayWhatToFix() {
        TableSpec numericLabel = TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                new ColumnSpec("y", ColumnType.DOUBLE, ColumnRole.LABEL));
        var e = assertThrows(InvalidInputException.class,
                () -> train.configure(trainDefaults, CentroidLearner.SPEC, numericLabel));
        assertTrue(e.getMessage().startsWith("Label column 'y' is double; a classifier needs a nominal label."),
                e.getMessage());

        TableSpec oneClass = TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("only")));
        e = assertThrows(InvalidInputException.class, () -> train.configure(trainDefaults, CentroidLearner.SPEC, oneClass));
        assertTrue(e.getMessage().startsWith("Label column 'y' has only one class (only)"), e.getMessage());

        TableSpec noFeatures = TableSpec.of(ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("a", "b")),
                new ColumnSpec("id", ColumnType.LONG, ColumnRole.ID));
        e = assertThrows(InvalidInputException.class,
                () -> train.configure(trainDefaults, CentroidLearner.SPEC, noFeatures));
        assertTrue(e.getMessage().startsWith("No feature columns"), e.getMessage());

        var badLabel = train.settings(Map.of("labelColumn", "species"));
        e = assertThrows(InvalidInputException.class,
                () -> train.configure(badLabel, CentroidLearner.SPEC, Fixtures.iris().spec()));
        assertTrue(e.getMessage().startsWith("Label column 'species' not found (available: sepal_length"), e.getMessage());

        var labelAsFeature = train.settings(Map.of("featureColumns", List.of("class")));
        e = assertThrows(InvalidInputException.class,
                () -> train.configure(labelAsFeature, CentroidLearner.SPEC, Fixtures.iris().spec()));
        assertTrue(e.getMessage().contains("both the label and a feature"), e.getMessage());
    }

    @Test
    void trainFitsWithSubProgressAndSkipsUnlabelledRows() {
        Table iris = Fixtures.iris();
        String[] labels = new String[iris.rowCount()];
        StringColumn cls = iris.stringColumn("class");
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10 == 0 ? null : cls.get(i);
        }
        Table partlyLabelled = iris.withColumn(StringColumn.of(cls.spec(), Arrays.asList(labels)));
        TestContext ctx = TestContext.create();
        Model model = (Model) train.execute(trainDefaults, ctx, new CentroidLearner(), partlyLabelled).outputs().get(0);
        assertEquals(IRIS_CLASSES, model.spec().classes());
        assertTrue(ctx.warnings().contains("Skipped 15 of 150 rows whose label 'class' is missing."), ctx.warnings().toString());
        // The learner reported once per row of the 135 labelled rows, inside Train's own start and end reports.
        assertEquals(135 + 2, ctx.progressEvents().size());
        assertEquals(1.0, ctx.progressEvents().get(ctx.progressEvents().size() - 1).fraction(), 1e-12);
    }

    @Test
    void predictAppendsPredictionAndProbabilityColumns() {
        Table iris = Fixtures.iris();
        Model model = (Model) train.execute(trainDefaults, new CentroidLearner(), iris).outputs().get(0);
        TableSpec predicted = (TableSpec) predict.configure(predictDefaults, model.spec(), iris.spec()).get(0);
        var expected = new ArrayList<>(iris.spec().names());
        expected.addAll(List.of("prediction", "P(setosa)", "P(versicolor)", "P(virginica)"));
        assertEquals(expected, predicted.names());
        assertEquals("class", predicted.find("prediction").orElseThrow().properties().get("label"));

        Table out = (Table) predict.execute(predictDefaults, model, iris).outputs().get(0);
        assertEquals(150, out.rowCount());
        // Nearest centroid on all four iris features gets 139 of 150 right (the class means, computed by hand
        // in numpy as X[y == k].mean(0), classify 50 setosa, 46 versicolor and 43 virginica correctly).
        int correct = 0;
        for (int i = 0; i < 150; i++) {
            if (out.stringColumn("prediction").get(i).equals(out.stringColumn("class").get(i))) {
                correct++;
            }
        }
        assertEquals(139, correct);
    }

    @Test
    void predictErrorsSayWhatToFix() {
        Table iris = Fixtures.iris();
        Model model = (Model) train.execute(trainDefaults, new CentroidLearner(), iris).outputs().get(0);
        TableSpec clash = new TableSpec(new ArrayList<>(iris.spec().columns()) {
            {
                add(new ColumnSpec("prediction", ColumnType.STRING));
            }
        });
        var e = assertThrows(InvalidInputException.class, () -> predict.configure(predictDefaults, model.spec(), clash));
        assertTrue(e.getMessage().startsWith("The input already has a column named 'prediction'"), e.getMessage());
        assertTrue(e.getMessage().contains("Column Filter"), e.getMessage());

        Table withoutPetals = iris.drop(List.of("petal_length", "petal_width"));
        e = assertThrows(InvalidInputException.class, () -> predict.execute(predictDefaults, model, withoutPetals));
        assertTrue(e.getMessage().startsWith("The model needs column(s) petal_length, petal_width"), e.getMessage());

        assertFalse(predict.configure(predictDefaults, PortSpec.unknown(PortType.MODEL), iris.spec()).get(0).isKnown());
    }

    @Test
    void trainPredictScoreOnSpecsChainsWithoutData() {
        TableSpec iris = Fixtures.iris().spec();
        ModelSpec model = (ModelSpec) train.configure(trainDefaults, CentroidLearner.SPEC, iris).get(0);
        TableSpec predicted = (TableSpec) predict.configure(predictDefaults, model, iris).get(0);
        var scorer = NodeTester.of(new ScorerNodeFactory());
        List<PortSpec> scored = scorer.configure(new ScorerNodeFactory().defaultSettings(), predicted);
        assertEquals(List.of("actual", "setosa", "versicolor", "virginica"), ((TableSpec) scored.get(2)).names());
    }
}
