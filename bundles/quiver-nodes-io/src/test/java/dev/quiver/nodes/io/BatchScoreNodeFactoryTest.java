package dev.quiver.nodes.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.io.batch.BatchScoring;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScoreNodeFactoryTest {
    @TempDir
    Path dir;

    private final NodeTester<BatchScoreNodeFactory.BatchScoreSettings> tester = NodeTester.of(new BatchScoreNodeFactory());

    /** "big" when x + 2·y > 3, with P(big) = 1 / (1 + e^−(x + 2y − 3)): a closed form to check rows against. */
    static final class LinearModel implements Model {
        static final ModelSpec SPEC = new ModelSpec("linear", Task.CLASSIFICATION,
                List.of(new ColumnSpec("x", ColumnType.DOUBLE), new ColumnSpec("y", ColumnType.LONG)),
                new ColumnSpec("class", ColumnType.STRING), List.of("big", "small"), Map.of());

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Table predict(Table data, ExecutionContext context) {
            int n = data.rowCount();
            var labels = new ArrayList<String>();
            double[] big = new double[n];
            double[] small = new double[n];
            for (int i = 0; i < n; i++) {
                double z = data.column("x").getDouble(i) + 2 * data.column("y").getDouble(i) - 3;
                big[i] = 1 / (1 + Math.exp(-z));
                small[i] = 1 - big[i];
                labels.add(z > 0 ? "big" : "small");
            }
            var cols = SPEC.predictionColumns();
            return Table.of(StringColumn.of(cols.get(0), labels), DoubleColumn.of(cols.get(1), big),
                    DoubleColumn.of(cols.get(2), small));
        }
    }

    private Path csv(int rows) throws IOException {
        var sb = new StringBuilder("id,x,note,y\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i % 7 == 0 ? "" : Double.toString((i % 13) * 0.25)).append(',')
                    .append(i % 5 == 0 ? "\"a, \"\"quoted\"\" note\"" : "plain").append(',').append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("in.csv"), sb);
    }

    private static List<String> parts(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
        }
    }

    @Test
    void streamsPartByPartAndEveryRowMatchesTheClosedForm() throws IOException {
        Path in = csv(10_001);
        var settings = new BatchScoreNodeFactory.BatchScoreSettings(in.toString(), null, dir.resolve("out").toString(),
                3000, true);
        Table summary = (Table) tester.execute(settings, new LinearModel()).outputs().get(0);
        assertEquals(10_001L, summary.column("rows").getDouble(0));
        assertEquals(4.0, summary.column("parts").getDouble(0));
        assertEquals("local", summary.stringColumn("backend").get(0));
        Path out = dir.resolve("out");
        assertEquals(List.of("part-00000.csv", "part-00001.csv", "part-00002.csv", "part-00003.csv"), parts(out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        List<String> lines = new ArrayList<>();
        for (String p : parts(out)) {
            List<String> part = Files.readAllLines(out.resolve(p));
            assertEquals("id,x,note,y,prediction,P(big),P(small)", part.get(0));
            lines.addAll(part.subList(1, part.size()));
        }
        assertEquals(10_001, lines.size());
        // Row 25: x = (25 % 13)·0.25 = 3.0, y = 1 → z = 2 → big; a missing x (row 35) gives no probabilities.
        double z = 3.0 + 2 * 1 - 3;
        assertEquals("25,3.0,\"a, \"\"quoted\"\" note\",1,big," + 1 / (1 + Math.exp(-z)) + "," + (1 - 1 / (1 + Math.exp(-z))),
                lines.get(25));
        assertEquals("35,,\"a, \"\"quoted\"\" note\",2,small,,", lines.get(35));

        // The same bytes as scoring everything at once: splitting into parts changes nothing.
        var all = Files.readAllLines(in);
        var scoring = new BatchScoring(new LinearModel(), all.get(0), "in.csv");
        var w = new StringWriter();
        BatchScoring.writeRows(scoring.score(all.subList(1, all.size()), 2, TestContext.create()), w);
        assertEquals(String.join("\n", lines) + "\n", w.toString());
    }

    @Test
    void badInputIsNamedByLineAndColumn() throws IOException {
        Path out = dir.resolve("o");
        Path noY = Files.writeString(dir.resolve("noy.csv"), "x,z\n1,2\n");
        var e = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(noY.toString(), null, out.toString(), 1000, true),
                new LinearModel()));
        assertTrue(e.getMessage().contains("needs column(s) y") && e.getMessage().contains("x, z"), e.getMessage());

        Path bad = Files.writeString(dir.resolve("bad.csv"), "x,y\n1,2\n1.5,two\n");
        var e2 = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(bad.toString(), null, out.toString(), 1000, true),
                new LinearModel()));
        assertTrue(e2.getMessage().startsWith("Line 3 of bad.csv, column 'y': 'two' is not a whole number"),
                e2.getMessage());

        Path multi = Files.writeString(dir.resolve("multi.csv"), "x,y,n\n1,2,\"line\nbreak\"\n");
        var e3 = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(multi.toString(), null, out.toString(), 1000, true),
                new LinearModel()));
        assertTrue(e3.getMessage().contains("Line 2 of multi.csv opens a quoted field"), e3.getMessage());

        var e4 = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(bad.toString(), BatchScoreNodeFactory.Format.PARQUET,
                        out.toString(), 1000, true), new LinearModel()));
        assertTrue(e4.getMessage().contains("needs a cluster backend"), e4.getMessage());
    }

    @Test
    void neverMixesNewPartsWithOtherFiles() throws IOException {
        Path in = csv(10);
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        var e = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(in.toString(), null, out.toString(), 1000, true),
                new LinearModel()));
        assertTrue(e.getMessage().contains("holds 'notes.txt'"), e.getMessage());
        Files.delete(out.resolve("notes.txt"));
        tester.execute(new BatchScoreNodeFactory.BatchScoreSettings(in.toString(), null, out.toString(), 1000, true),
                new LinearModel());
        var e2 = assertThrows(InvalidInputException.class, () -> tester.execute(
                new BatchScoreNodeFactory.BatchScoreSettings(in.toString(), null, out.toString(), 1000, false),
                new LinearModel()));
        assertTrue(e2.getMessage().contains("'Overwrite' is off"), e2.getMessage());
    }

    @Test
    void cancellationStopsBetweenParts() throws IOException {
        Path in = csv(10_000);
        var ctx = TestContext.create().cancelAfterProgressReports(2);
        assertThrows(CanceledException.class, () -> tester.execute(new BatchScoreNodeFactory.BatchScoreSettings(
                in.toString(), null, dir.resolve("c").toString(), 1000, true), ctx, new LinearModel()));
        assertEquals(2, parts(dir.resolve("c")).size());
    }
}
