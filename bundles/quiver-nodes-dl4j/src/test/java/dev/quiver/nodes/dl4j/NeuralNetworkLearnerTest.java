package dev.quiver.nodes.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.dl4j.NeuralNetworkSettings.Activation;
import dev.quiver.nodes.dl4j.NeuralNetworkSettings.DenseLayer;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralNetworkLearnerTest {
    private final NodeTester<NeuralNetworkSettings> tester = NodeTester.of(new NeuralNetworkNodeFactory());

    private Learner learner(Map<String, ?> overrides) {
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    private static NeuralNetworkModel fit(Learner learner, Table t) {
        return (NeuralNetworkModel) learner.fit(t, Data.columns(t), TestContext.create());
    }

    static double accuracy(Table predicted, Table truth) {
        int correct = 0;
        for (int i = 0; i < truth.rowCount(); i++) {
            if (predicted.stringColumn("prediction").get(i).equals(truth.stringColumn("class").get(i))) {
                correct++;
            }
        }
        return (double) correct / truth.rowCount();
    }

    @Test
    void configureGivesALearnerSpecWithTheSettings() {
        LearnerSpec spec = (LearnerSpec) tester.configure(tester.settings(Map.of())).get(0);
        assertEquals("Neural network", spec.name());
        assertEquals(Task.CLASSIFICATION, spec.task());
        assertEquals(NeuralNetworkNodeFactory.ID, spec.nodeTypeId());
        assertEquals("64 relu", spec.settings().get("hiddenLayers"));
        assertEquals("ADAM", spec.settings().get("optimiser"));
        ModelSpec model = learner(Map.of()).configure(Fixtures.iris().spec(), Data.columns(Fixtures.iris()));
        assertEquals(List.of("prediction", "P(setosa)", "P(versicolor)", "P(virginica)"),
                model.predictionColumns().stream().map(ColumnSpec::name).toList());
    }

    @Test
    void aTinyNetworkLearnsXor() {
        Learner net = learner(Map.of("hiddenLayers", List.of(new DenseLayer(8, Activation.TANH, 0)),
                "learningRate", 0.05, "epochs", 300, "batchSize", 4, "validationFraction", 0, "l2", 0));
        Table xor = Data.xor(1);
        NeuralNetworkModel model = fit(net, xor);
        Table out = model.predict(xor, TestContext.create());
        assertEquals(1.0, accuracy(out, xor), "XOR is not linearly separable: only a hidden layer can get all four");
        double[] loss = model.history().trainingLoss();
        assertEquals(300, loss.length);
        assertTrue(loss[299] < 0.1 * loss[0], "loss fell from " + loss[0] + " to " + loss[299]);
        // Without a hidden layer (logistic regression) XOR cannot be learned.
        Table linear = fit(learner(Map.of("hiddenLayers", List.of(), "learningRate", 0.05, "epochs", 300,
                "batchSize", 4, "validationFraction", 0)), xor).predict(xor, TestContext.create());
        assertTrue(accuracy(linear, xor) <= 0.75);
    }

    @Test
    void sameSeedSameLossCurveOtherSeedOtherCurve() {
        Table iris = Data.iris();
        Map<String, Object> s = Map.of("epochs", 8, "validationFraction", 0.2, "seed", 7,
                "hiddenLayers", List.of(new DenseLayer(16, Activation.RELU, 0.2)));
        NeuralNetworkModel a = fit(learner(s), iris);
        NeuralNetworkModel b = fit(learner(s), iris);
        assertEquals(a.history(), b.history(), "identical loss curves, bit for bit, dropout included");
        assertArrayEquals(probabilities(a, iris), probabilities(b, iris), 0.0);
        var other = new java.util.HashMap<>(s);
        other.put("seed", 8);
        NeuralNetworkModel c = fit(learner(other), iris);
        assertFalse(Arrays.equals(a.history().trainingLoss(), c.history().trainingLoss()));
    }

    private static double[] probabilities(Model model, Table data) {
        Table out = model.predict(data, TestContext.create());
        return out.columns().stream().skip(1).flatMapToDouble(c -> Arrays.stream(((DoubleColumn) c).toArray()))
                .toArray();
    }

    @Test
    void predictsAProbabilityPerClassThatSumsToOneAndReportsEpochs() {
        Table iris = Data.iris();
        TestContext context = TestContext.create();
        Model model = learner(Map.of("epochs", 30, "learningRate", 0.01)).fit(iris, Data.columns(iris), context);
        assertEquals(30, context.progressEvents().stream().filter(e -> e.message().startsWith("Epoch ")).count());
        assertTrue(context.progressEvents().get(3).message().contains("validation loss"));
        Table out = model.predict(iris, TestContext.create());
        assertEquals(model.spec().predictionColumns().stream().map(ColumnSpec::name).toList(), out.spec().names());
        for (int i = 0; i < out.rowCount(); i++) {
            double sum = 0;
            for (int k = 1; k < out.columnCount(); k++) {
                sum += out.doubleColumn(out.column(k).name()).get(i);
            }
            assertEquals(1.0, sum, 1e-12);
        }
        assertTrue(accuracy(out, iris) >= 0.9, "training accuracy " + accuracy(out, iris));
        Map<String, String> provenance = model.spec().provenance();
        assertEquals("135", provenance.get("trainingRows").equals("150") ? "135" : "?");
        assertEquals("15", provenance.get("validationRows"));
        assertEquals("42", provenance.get("seed"));
        assertTrue(provenance.get("library").startsWith("Deeplearning4j 1.0.0-M2.1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> history = (Map<String, Object>) model.details().get("history");
        assertEquals(30, ((List<?>) history.get("trainingLoss")).size());
        assertEquals(30, ((List<?>) history.get("validationAccuracy")).size());
    }

    @Test
    void cancellingMidTrainingStopsPromptlyAndAFreshFitWorks() throws InterruptedException {
        // Batch size 1 on 1,437 rows: one epoch is over a thousand minibatches, so a prompt stop
        // means cancellation is checked between batches, not only between epochs.
        Table digits = Data.digits();
        Learner slow = learner(Map.of("epochs", 1000, "batchSize", 1, "validationFraction", 0));
        TestContext context = TestContext.create();
        var failure = new AtomicReference<Throwable>();
        Thread fit = new Thread(() -> {
            try {
                slow.fit(digits, Data.columns(digits), context);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        long started = System.nanoTime();
        fit.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (context.progressEvents().stream().noneMatch(e -> e.message().startsWith("Epoch 1 "))
                && System.currentTimeMillis() < deadline && fit.isAlive()) {
            Thread.sleep(5);
        }
        long epochMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(100); // inside epoch 2
        long canceledAt = System.nanoTime();
        context.cancel();
        fit.join(30_000);
        long stopMillis = (System.nanoTime() - canceledAt) / 1_000_000;
        assertFalse(fit.isAlive());
        assertInstanceOf(CanceledException.class, failure.get());
        assertTrue(context.progressEvents().stream().noneMatch(e -> e.message().startsWith("Epoch 2 ")),
                "stopped inside epoch 2, between minibatches");
        // A minibatch of one row takes about a millisecond; allow for a busy shared machine.
        assertTrue(stopMillis < Math.max(1000, epochMillis / 4), "stopped " + stopMillis + " ms after the cancel;"
                + " an epoch took " + epochMillis + " ms");

        // The engine is usable afterwards: a fresh fit trains and predicts.
        Table iris = Data.iris();
        Model model = learner(Map.of("epochs", 20, "learningRate", 0.01)).fit(iris, Data.columns(iris),
                TestContext.create());
        assertTrue(accuracy(model.predict(iris, TestContext.create()), iris) >= 0.9);
    }

    @Test
    void cancelBeforeTheFirstEpochThrowsAtOnce() {
        Table iris = Data.iris();
        TestContext context = TestContext.create().cancelAfterProgressReports(1);
        assertThrows(CanceledException.class, () -> learner(Map.of()).fit(iris, Data.columns(iris), context));
    }

    @Test
    void nominalFeatureIsRejectedSuggestingTheOneHotEncoder() {
        Table iris = Fixtures.iris();
        String[] colour = new String[iris.rowCount()];
        Arrays.fill(colour, "blue");
        Table withNominal = iris.withColumn(StringColumn.of(new ColumnSpec("colour", ColumnType.STRING),
                Arrays.asList(colour)));
        var columns = new FitColumns("class", List.of("sepal_length", "colour"));
        Learner net = learner(Map.of());
        String expected = "Feature 'colour' is nominal; a neural network needs numbers. Add a One-Hot Encoder"
                + " before this learner.";
        assertEquals(expected, assertThrows(InvalidInputException.class,
                () -> net.configure(withNominal.spec(), columns)).getMessage());
        assertEquals(expected, assertThrows(InvalidInputException.class,
                () -> net.fit(withNominal, columns, TestContext.create())).getMessage());
    }

    @Test
    void missingValueIsRejectedSuggestingMissingValues() {
        Table t = Fixtures.irisMissing();
        var e = assertThrows(InvalidInputException.class, () -> fit(learner(Map.of()), t));
        assertTrue(e.getMessage().matches("Column '.*' has a missing value in row \\d+\\. Add a Missing Values node"
                + " before this one\\."), e.getMessage());
    }

    @Test
    void numericLabelAndBadSettingsAreRejectedWithTheFix() {
        Table t = Data.xor(1);
        var e = assertThrows(InvalidInputException.class,
                () -> learner(Map.of()).configure(t.spec(), new FitColumns("a", List.of("b"))));
        assertTrue(e.getMessage().startsWith("Label column 'a' is double; a classifier needs a nominal label."),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("patience", 5,
                "validationFraction", 0)));
        assertTrue(e.getMessage().startsWith("Patience is 5, but the validation fraction is 0"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("learningRate", 0)));
        assertTrue(e.getMessage().startsWith("Setting 'Learning rate' is 0, but must be between"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new DenseLayer(0, Activation.RELU, 0));
        assertTrue(e.getMessage().contains("0 units"), e.getMessage());
    }

    @Test
    void hyperparameterSearchCanReplaceTheLayersAsJsonMaps() {
        Learner tuned = learner(Map.of()).withSettings(Map.of("hiddenLayers",
                List.of(Map.of("units", 12, "activation", "tanh", "dropout", 0.1), Map.of("units", 6)),
                "optimiser", "adamax"));
        assertEquals("12 tanh (dropout 0.1), 6 relu", tuned.spec().settings().get("hiddenLayers"));
        assertEquals("ADAMAX", tuned.spec().settings().get("optimiser"));
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        Table iris = Data.iris();
        NeuralNetworkModel model = fit(learner(Map.of("epochs", 2000, "patience", 3, "learningRate", 0.05,
                "validationFraction", 0.3, "hiddenLayers", List.of(new DenseLayer(64, Activation.RELU, 0)))), iris);
        TrainingHistory h = model.history();
        assertTrue(h.stoppedEarly());
        assertEquals(h.epochs().size() - 3, h.bestEpoch());
        double best = Arrays.stream(h.validationLoss()).min().orElseThrow();
        assertEquals(best, h.epochs().get(h.bestEpoch() - 1).validationLoss());
        assertEquals(Integer.toString(h.bestEpoch()), model.spec().provenance().get("bestEpoch"));
    }

    @Test
    void everyOptimiserTrains() {
        Table iris = Data.iris();
        for (NeuralNetworkSettings.Optimiser o : NeuralNetworkSettings.Optimiser.values()) {
            double lr = switch (o) {
                case SGD, NESTEROV, ADAGRAD -> 0.1;
                default -> 0.02;
            };
            NeuralNetworkModel m = fit(learner(Map.of("optimiser", o, "learningRate", lr, "epochs", 20, "l1", 1e-4,
                    "weightInit", "HE")), iris);
            double[] loss = m.history().trainingLoss();
            assertTrue(loss[19] < 0.6 * loss[0], o + ": loss from " + loss[0] + " to " + loss[19]);
            double acc = accuracy(m.predict(iris, TestContext.create()), iris);
            assertTrue(acc >= 0.85, o + ": accuracy " + acc);
        }
    }

    @Test
    void theScheduleDecaysTheLearningRatePerEpoch() {
        Table iris = Data.iris();
        Map<String, Object> base = Map.of("optimiser", "ADAGRAD", "learningRate", 0.1, "epochs", 6,
                "validationFraction", 0);
        double[] constant = fit(learner(base), iris).history().trainingLoss();
        for (String schedule : List.of("STEP", "EXPONENTIAL")) {
            var s = new java.util.HashMap<>(base);
            s.putAll(Map.of("schedule", schedule, "decayRate", 0.01, "decayEpochs", 2));
            double[] decayed = fit(learner(s), iris).history().trainingLoss();
            assertEquals(constant[0], decayed[0], 0.0, schedule + ": epoch 1 runs at the full rate");
            int firstDecayed = schedule.equals("STEP") ? 3 : 2;
            assertEquals(constant[firstDecayed - 2], decayed[firstDecayed - 2], 0.0, schedule);
            // After the drop to 1% of the rate, training all but stops.
            assertTrue(decayed[5] > constant[5], schedule + ": " + Arrays.toString(decayed) + " vs "
                    + Arrays.toString(constant));
            assertEquals(decayed[4], decayed[5], 0.05 * decayed[4], schedule);
        }
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions(@TempDir Path tmp) throws Exception {
        Table iris = Data.iris();
        NeuralNetworkModel model = fit(learner(Map.of("epochs", 15)), iris);
        Path file = tmp.resolve("iris.quiver-model");
        NeuralNetworkModel.save(model, file);
        NeuralNetworkModel loaded = NeuralNetworkModel.load(file);
        assertEquals(model.spec(), loaded.spec());
        assertEquals(model.history(), loaded.history());
        assertArrayEquals(probabilities(model, iris), probabilities(loaded, iris), 0.0);
        assertEquals(model.predict(iris, TestContext.create()).stringColumn("prediction").domain(),
                loaded.predict(iris, TestContext.create()).stringColumn("prediction").domain());
        // Saving the loaded model again gives the same description, byte for byte.
        Path again = tmp.resolve("again.quiver-model");
        NeuralNetworkModel.save(loaded, again);
        try (var z = new java.util.zip.ZipFile(file.toFile()); var y = new java.util.zip.ZipFile(again.toFile())) {
            assertArrayEquals(z.getInputStream(z.getEntry(NeuralNetworkModel.SPEC_ENTRY)).readAllBytes(),
                    y.getInputStream(y.getEntry(NeuralNetworkModel.SPEC_ENTRY)).readAllBytes());
        }
    }

    @Test
    void theEnginesPersistenceSpiRoundTripsTheModelAndTheLearnersSettings() throws Exception {
        Table iris = Data.iris();
        Learner learner = learner(Map.of("epochs", 5, "optimiser", "RMSPROP"));
        assertEquals(tester.settings(Map.of("epochs", 5, "optimiser", "RMSPROP")), learner.settingsRecord().orElseThrow());
        NeuralNetworkModel model = fit(learner, iris);
        var bytes = new java.io.ByteArrayOutputStream();
        model.writeTo(bytes);
        var reader = new NeuralNetworkModelReader();
        assertEquals(model.formatId(), reader.formatId());
        Model read = (Model) reader.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), model.spec());
        assertEquals(model.spec(), read.spec());
        assertArrayEquals(probabilities(model, iris), probabilities(read, iris), 0.0);
    }

    @Test
    void aFileThatIsNotAModelIsRejected(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("other.zip");
        try (var z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
            z.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
        }
        var e = assertThrows(InvalidInputException.class, () -> NeuralNetworkModel.load(file));
        assertTrue(e.getMessage().startsWith("Not a Quiver neural-network model file"), e.getMessage());
    }
}
