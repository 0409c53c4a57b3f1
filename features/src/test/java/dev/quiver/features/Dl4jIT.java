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

/**
 * The DL4J bundle inside Felix: its nodes are listed, and the digits example trains three networks
 * (ND4J initialised inside the bundle), draws their loss curves, scores the Adam network on held-out
 * rows and cross-validates it.
 */
class Dl4jIT {
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
    void theNodesAreListed() {
        Captured c = quiver("nodes", "--json");
        assertEquals(0, c.code(), show(c));
        assertTrue(c.out().contains("quiver.dl4j.neural-network"), show(c));
        assertTrue(c.out().contains("quiver.dl4j.training-history"), show(c));
    }

    @Test
    void digitsExampleTrainsInsideFelix() throws IOException {
        Path out = tmp.resolve("out");
        Captured c = quiver("run", EXAMPLES.resolve("digits-mlp/digits-mlp.quiver.json").toString(), "--out",
                out.toString());
        assertEquals(0, c.code(), show(c));
        double heldOut = value(out.resolve("scorer/metrics.csv"), "accuracy", 1);
        assertTrue(heldOut >= 0.95, "held-out accuracy " + heldOut);
        // 5-fold cross-validation with the scaling refitted in each fold; the target is scikit-learn's
        // MLPClassifier(64, adam, 20 epochs), 0.948 ± 0.015 (0.929 on these folds, see the README).
        double cv = value(out.resolve("cv/summary.csv"), "accuracy", 1);
        assertTrue(cv >= 0.948, "5-fold accuracy " + cv);
        for (String optimiser : List.of("adam", "sgd", "rmsprop")) {
            List<String> history = Files.readAllLines(out.resolve("history-" + optimiser + "/table.csv"));
            assertEquals("epoch,training loss,validation loss,validation accuracy", history.get(0));
            assertEquals(21, history.size(), optimiser + ": a header and 20 epochs");
            assertTrue(Files.exists(out.resolve("history-" + optimiser + "/chart-loss-curves.vl.json")));
        }
        // Adam's validation loss ends below plain SGD's at the same number of epochs.
        assertTrue(lastValidationLoss(out, "adam") < lastValidationLoss(out, "sgd"));
        String model = Files.readString(out.resolve("train-adam/model.json"));
        assertTrue(model.contains("trainingLoss"), "the model's details carry the history");
    }

    private static double lastValidationLoss(Path out, String optimiser) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("history-" + optimiser + "/table.csv"));
        return Double.parseDouble(lines.get(lines.size() - 1).split(",")[2]);
    }

    private static double value(Path csv, String first, int column) throws IOException {
        for (String line : Files.readAllLines(csv)) {
            String[] cells = line.split(",");
            if (cells[0].equals(first)) {
                return Double.parseDouble(cells[column]);
            }
        }
        throw new AssertionError(first + " not in " + csv);
    }
}
