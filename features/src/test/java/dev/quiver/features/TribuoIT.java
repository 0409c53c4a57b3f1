package dev.quiver.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.features.Distribution.Captured;
import dev.quiver.launcher.QuiverRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Tribuo learner node trains inside Felix (the assembled distribution, Tribuo embedded in its
 * bundle), and a model saved by {@code quiver run --out} comes back through a Model Reader in
 * another workflow and predicts the same values.
 */
class TribuoIT {
    private static final Path HOME = Distribution.HOME;
    private static final Path EXAMPLES = Distribution.EXAMPLES;
    private static QuiverRuntime runtime;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        runtime = QuiverRuntime.start(HOME, List.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Captured quiver(String... args) {
        return Distribution.quiver(runtime, args);
    }

    private static Supplier<String> show(Captured c) {
        return c.show();
    }

    private static String iris() {
        return EXAMPLES.resolve("iris/iris.csv").toString().replace("\\", "/");
    }

    /** Reader → learner → Train → Predict on the training rows. */
    private Path trainWorkflow(String learnerType, String learnerSettings, String label, String features)
            throws IOException {
        Path wf = tmp.resolve("train.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"learner","type":"%s","version":1,"settings":%s},
                  {"id":"train","type":"quiver.model.train","version":1,
                   "settings":{"labelColumn":"%s","featureColumns":[%s]}},
                  {"id":"predict","type":"quiver.model.predict","version":1}],
                 "connections":[
                  {"from":{"node":"reader","port":"table"},"to":{"node":"train","port":"table"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"train","port":"learner"}},
                  {"from":{"node":"train","port":"model"},"to":{"node":"predict","port":"model"}},
                  {"from":{"node":"reader","port":"table"},"to":{"node":"predict","port":"table"}}]}
                """.formatted(iris(), learnerType, learnerSettings, label, features));
        return wf;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quiver.tribuo.logistic-regression | {}",
        "quiver.tribuo.linear-svm | {}",
        "quiver.tribuo.liblinear | {}",
        "quiver.tribuo.svm | {}",
        "quiver.tribuo.decision-tree | {}",
        "quiver.tribuo.random-forest | {\"trees\":10}",
        "quiver.tribuo.extra-trees | {\"trees\":10}",
        "quiver.tribuo.adaboost | {\"rounds\":10}",
        "quiver.tribuo.k-nearest-neighbours | {}",
        "quiver.tribuo.xgboost | {\"trees\":10}",
        "quiver.tribuo.multinomial-naive-bayes | {}",
        "quiver.tribuo.factorization-machine | {}"})
    void everyClassifierTrainsInFelixAndItsModelReadsBack(String type, String settings) throws IOException {
        roundTrip(type, settings, "class", "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quiver.tribuo.linear-regression | {}",
        "quiver.tribuo.regression-tree | {}",
        "quiver.tribuo.xgboost-regression | {\"trees\":10}"})
    void everyRegressorTrainsInFelixAndItsModelReadsBack(String type, String settings) throws IOException {
        roundTrip(type, settings, "petal_width", "\"sepal_length\",\"sepal_width\",\"petal_length\"");
    }

    private void roundTrip(String type, String settings, String label, String features) throws IOException {
        Path out = tmp.resolve("out");
        Captured trained = quiver("run", trainWorkflow(type, settings, label, features).toString(), "--out",
                out.toString());
        assertEquals(0, trained.code(), show(trained));
        Path model = out.resolve("train/model.quiver-port");
        assertTrue(Files.isRegularFile(model), "no saved model in " + out + "\n" + show(trained).get());
        List<String> predicted = Files.readAllLines(out.resolve("predict/table.csv"));
        assertEquals(151, predicted.size(), "header + 150 rows");

        Path reuse = tmp.resolve("reuse.quiver.json");
        Files.writeString(reuse, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"model","type":"quiver.io.model-reader","version":1,"settings":{"path":"out/train/model.quiver-port"}},
                  {"id":"predict","type":"quiver.model.predict","version":1}],
                 "connections":[
                  {"from":{"node":"model","port":"model"},"to":{"node":"predict","port":"model"}},
                  {"from":{"node":"reader","port":"table"},"to":{"node":"predict","port":"table"}}]}
                """.formatted(iris()));
        Path again = tmp.resolve("again");
        Captured read = quiver("run", reuse.toString(), "--out", again.toString());
        assertEquals(0, read.code(), show(read));
        assertEquals(predicted, Files.readAllLines(again.resolve("predict/table.csv")),
                type + ": the model read back predicts other values");
    }

    @Test
    void theBreastCancerExampleComparesFourLearners() {
        Captured c = quiver("run", EXAMPLES.resolve("breast-cancer/breast-cancer.quiver.json").toString());
        assertEquals(0, c.code(), show(c));
        for (String node : List.of("cv-logreg", "cv-forest", "cv-svm", "cv-xgboost", "scorer")) {
            assertTrue(c.out().contains("== " + node + " "), node + "\n" + show(c).get());
        }
    }
}
