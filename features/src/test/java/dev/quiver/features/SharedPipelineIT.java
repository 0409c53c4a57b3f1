package dev.quiver.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.features.Distribution.Captured;
import dev.quiver.launcher.QuiverRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared-pipeline example in the assembled distribution: one component file used by two
 * workflows, workflow parameters, and the exported pipeline scored by {@code quiver predict} with
 * exactly the workflow's own predictions.
 */
class SharedPipelineIT {
    private static final Path EXAMPLE = Distribution.EXAMPLES.resolve("shared-pipeline");
    private static QuiverRuntime runtime;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        runtime = QuiverRuntime.start(Distribution.HOME, List.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Captured quiver(String... args) {
        return Distribution.quiver(runtime, args);
    }

    @Test
    void trainAndExportScoresThePipelineThatQuiverPredictReproduces() throws IOException {
        Path out = tmp.resolve("out");
        Path pipeline = tmp.resolve("iris-pipeline.quiver-port");
        // The parameter sends the pipeline to the temporary folder instead of the example's own.
        Captured run = quiver("run", EXAMPLE.resolve("train-and-export.quiver.json").toString(),
                "--set", "pipelineFile=" + pipeline.toString().replace("\\", "/"), "--out", out.toString());
        assertEquals(0, run.code(), run.show());
        assertTrue(run.err().contains("prep (Impute and scale)"), run.show());
        // 42 of the 45 held-out flowers: the figure the README quotes.
        assertEquals(42.0 / 45, metric(out.resolve("scorer/metrics.csv"), "accuracy"), 1e-12);
        assertTrue(Files.exists(pipeline), "the Model Writer saved the pipeline where the parameter said");

        Path scored = tmp.resolve("scored.csv");
        Captured predict = quiver("predict", pipeline.toString(), out.resolve("split/test.csv").toString(),
                "--out", scored.toString());
        assertEquals(0, predict.code(), predict.show());
        List<String> fromWorkflow = Files.readAllLines(out.resolve("predict/table.csv"));
        List<String> fromPredict = Files.readAllLines(scored);
        assertEquals(46, fromWorkflow.size(), "header and 45 rows");
        assertTrue(fromWorkflow.get(0).endsWith("prediction,P(setosa),P(versicolor),P(virginica)"), fromWorkflow.get(0));
        assertTrue(fromWorkflow.stream().anyMatch(l -> l.startsWith(",") || l.contains(",,")),
                "held-out rows with missing cells are scored too");
        // The saved pipeline replays the component's imputation and scaling and the model bit for bit.
        assertEquals(fromWorkflow, fromPredict);
    }

    @Test
    void crossValidateReusesTheComponent() throws IOException {
        Path out = tmp.resolve("cv");
        Captured run = quiver("run", EXAMPLE.resolve("cross-validate.quiver.json").toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.show());
        // 141 of 150 rows predicted right out of fold (10 folds of 15) with imputation and scaling
        // refitted on each training fold: the README's figure.
        assertEquals(141.0 / 150, metric(out.resolve("cv/summary.csv"), "accuracy"), 1e-12);
    }

    @Test
    void unknownParameterListsTheDeclaredOnesAndDocShowsThem() {
        Captured bad = quiver("run", EXAMPLE.resolve("train-and-export.quiver.json").toString(), "--set", "dataa=x.csv");
        assertEquals(1, bad.code(), bad.show());
        assertTrue(bad.err().contains("Unknown parameter 'dataa'") && bad.err().contains("data (Input CSV)"),
                bad.show());
        Captured doc = quiver("doc", EXAMPLE.resolve("train-and-export.quiver.json").toString());
        assertEquals(0, doc.code(), doc.show());
        assertTrue(doc.out().contains("| `label` | Label column | \"class\" | `split.stratifyColumn`, "
                + "`train.labelColumn`, `scorer.actualColumn` |"), doc.show());
    }

    @Test
    void workflowWithoutItsComponentsFolderNamesTheMissingFile() throws IOException {
        Path copy = tmp.resolve("train-and-export.quiver.json");
        Files.copy(EXAMPLE.resolve("train-and-export.quiver.json"), copy);
        Files.copy(EXAMPLE.resolve("iris_missing.csv"), tmp.resolve("iris_missing.csv"));
        Captured c = quiver("validate", copy.toString());
        assertEquals(1, c.code(), c.show());
        assertTrue(c.out().contains("prepare.quiver-component.json is missing"), c.show());
        assertTrue(c.out().contains("✓ split"), "the rest still configures: " + c.out());
    }

    /** The value in the second column of the row named {@code name}: a metric's value, or its mean over folds. */
    private static double metric(Path csv, String name) throws IOException {
        for (String line : Files.readAllLines(csv)) {
            String[] cells = line.split(",");
            if (cells[0].equals(name)) {
                return Double.parseDouble(cells[1]);
            }
        }
        throw new AssertionError(name + " not in " + csv);
    }
}
