package dev.quiver.nodes.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterNodeFactoryTest {
    @TempDir
    Path dir;

    private final NodeTester<CsvWriterSettings> writer = NodeTester.of(new CsvWriterNodeFactory());
    private final NodeTester<CsvReaderSettings> reader = NodeTester.of(new CsvReaderNodeFactory());

    private void write(Table table, String path, Map<String, ?> more) {
        var overrides = new HashMap<String, Object>(more);
        overrides.put("path", path);
        writer.execute(writer.settings(overrides), TestContext.create(dir), table);
    }

    private Table readBack(String path) {
        return (Table) reader.execute(reader.settings(Map.of("path", path)), TestContext.create(dir)).outputs().get(0);
    }

    /** Every column type, missing cells, text that needs quoting, and doubles that need every digit. */
    private static Table mixed() {
        BitSet missing = new BitSet();
        missing.set(1);
        BitSet bools = new BitSet();
        bools.set(0);
        return Table.of(
                LongColumn.wrap(new ColumnSpec("id", ColumnType.LONG), new long[] {7, 0, -3}, missing),
                DoubleColumn.of("x", 0.1 + 0.2, Double.NaN, -1.0E-300),
                DoubleColumn.of("whole", 1.0, 2.0, 1e21),
                BooleanColumn.wrap(new ColumnSpec("ok", ColumnType.BOOLEAN), bools, missing, 3),
                StringColumn.of("text", "a,b", null, "say \"hi\"\nbye"));
    }

    @Test
    void writesHeaderQuotingAndMissingMarker() throws IOException {
        write(mixed(), "out.csv", Map.of("missingMarker", "NA"));
        assertEquals("""
                id,x,whole,ok,text
                7,0.30000000000000004,1.0,true,"a,b"
                NA,NA,2.0,NA,NA
                -3,-1.0E-300,1.0E21,false,"say ""hi""
                bye"
                """, Files.readString(dir.resolve("out.csv")));
    }

    @Test
    void roundTripThroughTheReaderGivesTheSameTable() {
        write(mixed(), "mixed.csv", Map.of());
        TableAssert.assertTablesEqual(mixed(), readBack("mixed.csv"));
    }

    @Test
    void irisRoundTripKeepsEveryDoubleExactly() {
        Table iris = Fixtures.iris();
        write(iris, "data/iris.csv", Map.of());
        // The reader does not guess roles, so compare with iris whose label is a plain feature.
        Table expected = iris.withRole("class", dev.quiver.api.table.ColumnRole.FEATURE);
        TableAssert.assertTablesEqual(expected, readBack("data/iris.csv"));
    }

    @Test
    void gzNamesAreCompressedAndReadBack() throws IOException {
        write(Fixtures.irisMissing(), "iris.csv.gz", Map.of("delimiter", ";"));
        try (var in = new GZIPInputStream(Files.newInputStream(dir.resolve("iris.csv.gz")))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("sepal_length;sepal_width;petal_length;petal_width;class\n"), text);
        }
        Table back = (Table) reader.execute(reader.settings(Map.of("path", "iris.csv.gz", "delimiter", ";")),
                TestContext.create(dir)).outputs().get(0);
        TableAssert.assertTablesEqual(
                Fixtures.irisMissing().withRole("class", dev.quiver.api.table.ColumnRole.FEATURE), back);
    }

    @Test
    void refusesToOverwriteWhenTold() throws IOException {
        Files.writeString(dir.resolve("keep.csv"), "precious");
        var e = assertThrows(InvalidInputException.class,
                () -> write(mixed(), "keep.csv", Map.of("overwrite", false)));
        assertEquals("The file " + dir.resolve("keep.csv").toAbsolutePath()
                + " already exists and 'Overwrite' is off. Turn 'Overwrite' on, or choose another file name.",
                e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("keep.csv")));
        write(mixed(), "keep.csv", Map.of());
        assertTrue(Files.readString(dir.resolve("keep.csv")).startsWith("id,x,"));
    }

    @Test
    void cancellationLeavesNeitherTheTargetNorATemporaryFile() throws IOException {
        int rows = 4 * CsvTableReader.REPORT_EVERY;
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = i / 7.0;
        }
        Table big = Table.of(DoubleColumn.of("v", v));
        TestContext ctx = TestContext.create(dir).cancelAfterProgressReports(2);
        var settings = writer.settings(Map.of("path", "big.csv"));
        assertThrows(CanceledException.class, () -> writer.execute(settings, ctx, big));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void writtenFileIsReadableByOthersAsTheUmaskAllows() throws IOException {
        write(mixed(), "shared.csv", Map.of());
        Path probe = Files.createFile(dir.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(dir.resolve("shared.csv")),
                "the temporary file must not leave owner-only permissions behind");
    }

    @Test
    void blankPathIsAConfigureError() {
        var e = assertThrows(InvalidInputException.class,
                () -> writer.configure(writer.settings(Map.of()), Fixtures.iris().spec()));
        assertEquals("File is empty. Set File.", e.getMessage());
    }
}
