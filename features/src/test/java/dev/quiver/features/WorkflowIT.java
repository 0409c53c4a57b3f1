package dev.quiver.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * The real thing: the assembled distribution started in Felix, running the iris example, flagging
 * a broken workflow, and node types that come and go with their bundles.
 */
class WorkflowIT {
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

    @Test
    void irisExampleReachesNinetyPercentOnTheHeldOutRows() throws IOException {
        Path out = tmp.resolve("out");
        Captured c = quiver("run", EXAMPLES.resolve("iris/iris.quiver.json").toString(), "--out", out.toString());
        assertEquals(0, c.code(), show(c));
        assertTrue(c.out().contains("== scorer (Scorer) =="), show(c));
        double accuracy = metric(out.resolve("scorer/metrics.csv"), "accuracy");
        assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
        assertTrue(Files.exists(out.resolve("train/model.json")), "non-table ports are written as JSON");
    }

    private static double metric(Path metricsCsv, String name) throws IOException {
        for (String line : Files.readAllLines(metricsCsv)) {
            String[] cells = line.split(",");
            if (cells[0].equals(name)) {
                return Double.parseDouble(cells[1]);
            }
        }
        throw new AssertionError(name + " not in " + metricsCsv);
    }

    @Test
    void validateFlagsAWrongWireAndAMissingColumn() throws IOException {
        String iris = EXAMPLES.resolve("iris/iris.csv").toString().replace("\\", "/");
        Path wf = tmp.resolve("broken.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"learner","type":"quiver.tribuo.logistic-regression","version":1},
                  {"id":"train","type":"quiver.model.train","version":1,"settings":{"labelColumn":"species"}},
                  {"id":"predict","type":"quiver.model.predict","version":1}],
                 "connections":[
                  {"from":{"node":"reader","port":"table"},"to":{"node":"train","port":"table"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"train","port":"learner"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"predict","port":"model"}},
                  {"from":{"node":"reader","port":"table"},"to":{"node":"predict","port":"table"}}]}
                """.formatted(iris));
        Captured c = quiver("validate", wf.toString());
        assertEquals(1, c.code(), show(c));
        assertTrue(c.out().contains("output 'learner' of 'learner' is a Learner, but input 'model' of 'predict' "
                + "expects a Model"), show(c));
        assertTrue(c.out().contains("'species' not found"), show(c));
        assertTrue(c.out().contains("✓ reader"), show(c));
    }

    @Test
    void aSavedPipelineScoresNewRowsWithQuiverPredict() throws IOException {
        String iris = EXAMPLES.resolve("iris/iris.csv").toString().replace("\\", "/");
        Path wf = tmp.resolve("deploy.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"split","type":"quiver.prep.partition","version":1,"settings":{"seed":3}},
                  {"id":"normalize","type":"quiver.prep.normalizer","version":1},
                  {"id":"learner","type":"quiver.tribuo.logistic-regression","version":1,"settings":{"epochs":50}},
                  {"id":"train","type":"quiver.model.train","version":1,"settings":{"labelColumn":"class"}},
                  {"id":"pipeline","type":"quiver.model.pipeline","version":1},
                  {"id":"save","type":"quiver.io.model-writer","version":1,"settings":{"path":"iris-pipeline.quiver-port"}}],
                 "connections":[
                  {"from":{"node":"reader","port":"table"},"to":{"node":"split","port":"table"}},
                  {"from":{"node":"split","port":"train"},"to":{"node":"normalize","port":"table"}},
                  {"from":{"node":"normalize","port":"table"},"to":{"node":"train","port":"table"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"train","port":"learner"}},
                  {"from":{"node":"normalize","port":"transform"},"to":{"node":"pipeline","port":"step1"}},
                  {"from":{"node":"train","port":"model"},"to":{"node":"pipeline","port":"model"}},
                  {"from":{"node":"pipeline","port":"model"},"to":{"node":"save","port":"model"}}]}
                """.formatted(iris));
        Captured run = quiver("run", wf.toString());
        assertEquals(0, run.code(), show(run));
        Path saved = tmp.resolve("iris-pipeline.quiver-port");
        assertTrue(Files.exists(saved));

        // Raw, unscaled rows go in: the pipeline applies the training rows' z-scores itself.
        Path scored = tmp.resolve("scored.csv");
        Captured predict = quiver("predict", saved.toString(), iris, "--out", scored.toString());
        assertEquals(0, predict.code(), show(predict));
        List<String> lines = Files.readAllLines(scored);
        assertEquals(151, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        int actual = header.indexOf("class");
        int predicted = header.indexOf("prediction");
        long right = lines.stream().skip(1).map(l -> l.split(",")).filter(c -> c[actual].equals(c[predicted])).count();
        assertTrue(right >= 135, right + " of 150 right");

        Path lacking = tmp.resolve("lacking.csv");
        Files.writeString(lacking, "sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n");
        Captured bad = quiver("predict", saved.toString(), lacking.toString());
        assertEquals(1, bad.code(), show(bad));
        assertTrue(bad.err().contains("needs column(s) petal_width that the input table lacks"), show(bad));
    }

    @Test
    void nodesAppearAndDisappearWithTheirBundles() {
        String lr = "quiver.tribuo.logistic-regression";
        assertTrue(quiver("nodes", "--json").out().contains(lr));
        // Features that require tribuo (spark) must go first, and come back after it.
        List<String> dependents = runtime.installedFeatures().stream()
                .filter(f -> runtime.catalog().get(f).requires().contains("tribuo")).toList();
        dependents.forEach(runtime::uninstallFeature);
        runtime.uninstallFeature("tribuo");
        try {
            Captured without = quiver("nodes", "--json");
            assertEquals(0, without.code(), show(without));
            assertFalse(without.out().contains(lr), "tribuo nodes gone after uninstalling the feature");
            assertTrue(without.out().contains("quiver.io.csv-reader"), "the rest stays");
        } finally {
            runtime.installFeature("tribuo");
            dependents.forEach(runtime::installFeature);
        }
        assertTrue(quiver("nodes", "--json").out().contains(lr), "and back after installing it again");
        // The reinstalled bundle works, not just registers: its learner trains again.
        Captured run = quiver("run", EXAMPLES.resolve("iris/iris.quiver.json").toString());
        assertEquals(0, run.code(), show(run));
    }
}
