package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.engine.embed.Pipeline;
import dev.quiver.engine.store.PortObjectFiles;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host application scores with a saved Tribuo model through {@code Pipeline.load(path).predict(table)}:
 * the readers are found by {@link java.util.ServiceLoader}, no OSGi, and the predictions are the model's.
 */
class EmbeddedScoringTest {
    @TempDir
    Path dir;

    @Test
    void aSavedModelScoresOutsideOsgiExactlyAsInTheWorkflow() {
        var tester = NodeTester.of(new LogisticRegressionNodeFactory());
        Learner lr = (Learner) tester.execute(tester.settings(Map.of("epochs", 20))).outputs().get(0);
        Table iris = Fixtures.iris();
        Model model = lr.fit(iris, new FitColumns("class", IrisSplits.FEATURES), TestContext.create());
        Path file = dir.resolve("iris-lr" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(model, file);

        Pipeline embedded = Pipeline.load(file);
        Table scored = embedded.predict(iris.drop(List.of("class")));
        Table expected = model.predict(iris, TestContext.create());
        for (String column : List.of("P(setosa)", "P(versicolor)", "P(virginica)")) {
            assertArrayEquals(expected.doubleColumn(column).toArray(), scored.doubleColumn(column).toArray(), 0,
                    column);
        }
        for (int i = 0; i < iris.rowCount(); i++) {
            assertEquals(expected.stringColumn("prediction").get(i), scored.stringColumn("prediction").get(i));
        }
    }
}
