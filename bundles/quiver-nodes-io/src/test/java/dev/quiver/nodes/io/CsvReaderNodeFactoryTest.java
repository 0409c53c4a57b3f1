package dev.quiver.nodes.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderNodeFactoryTest {
    private static final String MIXED = """
            id,height,flag,species,score
            1,1.5,true,setosa,NA
            2,-2e3,FALSE,"virginica, tall",7
            ?,,true,"say ""hi""\",
            4,3,false,NaN,9
            """;

    @TempDir
    Path dir;

    private final NodeTester<CsvReaderSettings> tester = NodeTester.of(new CsvReaderNodeFactory());

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** NodeTester.configure resolves against the working directory, so configure tests use absolute paths. */
    private String abs(String name) {
        return dir.resolve(name).toString();
    }

    private CsvReaderSettings settings(String path, Map<String, ?> more) {
        var overrides = new java.util.HashMap<String, Object>(more);
        overrides.put("path", path);
        return tester.settings(overrides);
    }

    private Table read(String path, Map<String, ?> more) {
        return (Table) tester.execute(settings(path, more), TestContext.create(dir)).outputs().get(0);
    }

    @Test
    void configureInfersTypesFromTheHeaderAndFirstRowsWithoutExecuting() throws IOException {
        file("mixed.csv", MIXED);
        TableSpec spec = (TableSpec) tester.configure(settings(abs("mixed.csv"), Map.of())).get(0);
        assertEquals(List.of("id", "height", "flag", "species", "score"), spec.names());
        assertEquals(List.of(ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.LONG),
                spec.columns().stream().map(c -> c.type()).toList());
        // Inference read the whole file, so the nominal domain is known before execution.
        assertEquals(List.of("say \"hi\"", "setosa", "virginica, tall"), spec.find("species").orElseThrow().domain());
        spec.columns().forEach(c -> assertEquals(dev.quiver.api.table.ColumnRole.FEATURE, c.role()));
    }

    @Test
    void readsValuesQuotesAndMissingMarkers() throws IOException {
        file("mixed.csv", MIXED);
        Table t = read("mixed.csv", Map.of());
        assertEquals(4, t.rowCount());
        LongColumn id = (LongColumn) t.column("id");
        assertEquals(1, id.get(0));
        assertTrue(id.isMissing(2), "'?' is a missing marker");
        DoubleColumn height = (DoubleColumn) t.column("height");
        assertEquals(-2000.0, height.get(1));
        assertTrue(height.isMissing(2), "the empty cell is a missing marker");
        assertEquals(3.0, height.get(3));
        BooleanColumn flag = (BooleanColumn) t.column("flag");
        assertTrue(flag.get(0));
        assertFalse(flag.get(1));
        StringColumn species = (StringColumn) t.column("species");
        assertEquals("virginica, tall", species.get(1));
        assertEquals("say \"hi\"", species.get(2));
        assertTrue(species.isMissing(3), "NaN is a missing marker in text columns too");
        assertEquals(List.of("say \"hi\"", "setosa", "virginica, tall"), species.domain());
        LongColumn score = (LongColumn) t.column("score");
        assertTrue(score.isMissing(0));
        assertEquals(7, score.get(1));
        assertTrue(score.isMissing(2));
    }

    @Test
    void customDelimiterQuoteAndMissingMarkers() throws IOException {
        file("semi.csv", "a;b\n'x;y';-\n'it''s';2\n");
        Table t = read("semi.csv", Map.of("delimiter", ";", "quote", "'", "missingMarkers", List.of("-")));
        assertEquals("x;y", ((StringColumn) t.column("a")).get(0));
        assertEquals("it's", ((StringColumn) t.column("a")).get(1));
        assertEquals(ColumnType.LONG, t.column("b").type());
        assertTrue(t.column("b").isMissing(0));
    }

    @Test
    void windowsLineEndsAndSpacesAroundNumbersAreTolerated() throws IOException {
        file("crlf.csv", "a,b,c\r\n 1 , 2.5 ,x y\r\n3,4, z\r\n");
        Table t = read("crlf.csv", Map.of());
        assertEquals(ColumnType.LONG, t.column("a").type());
        assertEquals(2.5, t.column("b").getDouble(0));
        assertEquals(List.of(" z", "x y"), ((StringColumn) t.column("c")).domain(), "text is kept as written");
    }

    @Test
    void tabDelimiterCanBeSpelledOut() throws IOException {
        file("tab.tsv", "a\tb\n1\t2\n");
        Table t = read("tab.tsv", Map.of("delimiter", "\\t"));
        assertEquals(List.of("a", "b"), t.spec().names());
    }

    @Test
    void nominalColumnsKeepNumberLikeClassLabelsAsText() throws IOException {
        file("moons.csv", "x0,class\n0.5,0\n0.7,1\n-1.25,0\n");
        Table plain = read("moons.csv", Map.of());
        assertEquals(ColumnType.LONG, plain.column("class").type());
        TableSpec spec = (TableSpec) tester.configure(settings(abs("moons.csv"), Map.of("nominalColumns", List.of("class"))))
                .get(0);
        assertEquals(List.of("0", "1"), spec.find("class").orElseThrow().domain());
        Table t = read("moons.csv", Map.of("nominalColumns", List.of("class")));
        assertEquals("1", ((StringColumn) t.column("class")).get(1));
        var e = assertThrows(InvalidInputException.class, () -> read("moons.csv", Map.of("nominalColumns", List.of("label"))));
        assertEquals("Nominal columns: label not found in moons.csv (available: x0, class). Choose columns of the file.",
                e.getMessage());
    }

    @Test
    void withoutHeaderColumnsAreNumberedAndTheFirstLineIsData() throws IOException {
        file("nohead.csv", "1,a\n2,b\n");
        Table t = read("nohead.csv", Map.of("hasHeader", false));
        assertEquals(List.of("column1", "column2"), t.spec().names());
        assertEquals(2, t.rowCount());
    }

    @Test
    void quotedFieldsMaySpanLinesAndLineNumbersFollowTheFile() throws IOException {
        file("multi.csv", "a,b\n\"line one\nline two\",1\nx,2,3\n");
        var e = assertThrows(InvalidInputException.class, () -> read("multi.csv", Map.of()));
        assertTrue(e.getMessage().startsWith("Line 4 of multi.csv has 3 field(s), but the header has 2."), e.getMessage());
    }

    @Test
    void wrongFieldCountNamesTheLine() throws IOException {
        file("short.csv", "a,b,c\n1,2,3\n4,5\n");
        var e = assertThrows(InvalidInputException.class, () -> read("short.csv", Map.of()));
        assertTrue(e.getMessage().contains("Line 3 of short.csv has 2 field(s), but the header has 3"), e.getMessage());
        // configure already inspects these rows and reports the same line.
        var c = assertThrows(InvalidInputException.class, () -> tester.configure(settings(abs("short.csv"), Map.of())));
        assertEquals(e.getMessage(), c.getMessage());
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItOpens() throws IOException {
        file("open.csv", "a,b\n1,2\n3,\"never closed\n5,6\n");
        var e = assertThrows(InvalidInputException.class, () -> read("open.csv", Map.of()));
        assertTrue(e.getMessage().contains("Line 3 of open.csv opens a quoted field"), e.getMessage());
    }

    @Test
    void properlyClosedQuoteAtTheEndIsFine() throws IOException {
        file("closed.csv", "a,b\n1,\"two\nlines\"\n");
        Table t = read("closed.csv", Map.of());
        assertEquals("two\nlines", ((StringColumn) t.column("b")).get(0));
    }

    @Test
    void strayCharacterAfterClosingQuoteIsAMalformedLine() throws IOException {
        file("stray.csv", "a,b\n1,2\n3,\"x\"y\n");
        var e = assertThrows(InvalidInputException.class, () -> read("stray.csv", Map.of()));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void cellThatDoesNotFitTheInferredTypeNamesLineColumnValueAndFix() throws IOException {
        file("late.csv", "n,s\n1,a\n2,b\n3.5,c\n");
        var e = assertThrows(InvalidInputException.class, () -> read("late.csv", Map.of("typeInferenceRows", 2)));
        assertEquals("Line 4, column 'n': '3.5' is not a whole number, but the first 2 rows made 'n' a long column. "
                + "Set 'Type inference rows' to 0 so that every row decides the type, add '3.5' to the missing markers, "
                + "or fix the cell.", e.getMessage());
        // Reading every row first makes the column double.
        Table t = read("late.csv", Map.of("typeInferenceRows", 0));
        assertEquals(ColumnType.DOUBLE, t.column("n").type());
        assertEquals(3.5, ((DoubleColumn) t.column("n")).get(2));
    }

    @Test
    void domainIsLeftUnknownWhenInferenceDidNotReachTheEnd() throws IOException {
        file("long.csv", "s\nb\na\nc\n");
        TableSpec partial = (TableSpec) tester.configure(settings(abs("long.csv"), Map.of("typeInferenceRows", 2))).get(0);
        assertEquals(List.of(), partial.column(0).domain());
        TableSpec whole = (TableSpec) tester.configure(settings(abs("long.csv"), Map.of("typeInferenceRows", 3))).get(0);
        assertEquals(List.of("a", "b", "c"), whole.column(0).domain());
        Table t = read("long.csv", Map.of("typeInferenceRows", 2));
        assertEquals(List.of("a", "b", "c"), ((StringColumn) t.column("s")).domain());
    }

    @Test
    void gzipFilesAreReadTransparently() throws IOException {
        file("plain.csv", MIXED);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("packed.csv.gz")))) {
            out.write(MIXED.getBytes(StandardCharsets.UTF_8));
        }
        TableAssert.assertTablesEqual(read("plain.csv", Map.of()), read("packed.csv.gz", Map.of()));
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        file("bom.csv", "\uFEFFa,b\n1,2\n");
        assertEquals(List.of("a", "b"), read("bom.csv", Map.of()).spec().names());
    }

    @Test
    void blankAndDuplicateHeaderNamesAreMadeUniqueWithAWarning() throws IOException {
        file("dup.csv", "x,,x,column2\n1,2,3,4\n");
        TestContext ctx = TestContext.create(dir);
        Table t = (Table) tester.execute(settings("dup.csv", Map.of()), ctx).outputs().get(0);
        assertEquals(List.of("x", "column2_2", "x_2", "column2"), t.spec().names());
        assertEquals(1, ctx.warnings().size());
        assertTrue(ctx.warnings().get(0).contains("column 2 had no name, now 'column2_2'"), ctx.warnings().get(0));
        assertTrue(ctx.warnings().get(0).contains("the second 'x' (column 3) is now 'x_2'"), ctx.warnings().get(0));
    }

    @Test
    void missingFileNamesTheResolvedPath() {
        var e = assertThrows(InvalidInputException.class, () -> read("nope/data.csv", Map.of()));
        assertEquals("File not found: " + dir.resolve("nope/data.csv").toAbsolutePath()
                + ". Check the path; a relative path is read from the workflow's folder.", e.getMessage());
        assertThrows(InvalidInputException.class, () -> tester.configure(settings(abs("nope/data.csv"), Map.of())));
    }

    @Test
    void blankPathAsksForAFile() {
        var e = assertThrows(InvalidInputException.class, () -> tester.configure(tester.settings(Map.of())));
        assertEquals("File is empty. Set File.", e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreClearErrors() throws IOException {
        file("empty.csv", "");
        var e = assertThrows(InvalidInputException.class, () -> read("empty.csv", Map.of()));
        assertTrue(e.getMessage().contains("empty.csv is empty"), e.getMessage());
        file("header.csv", "a,b\n");
        var h = assertThrows(InvalidInputException.class, () -> read("header.csv", Map.of()));
        assertTrue(h.getMessage().contains("has a header but no data rows"), h.getMessage());
    }

    @Test
    void badDelimiterSettingIsRejected() {
        var e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("delimiter", ";;")));
        assertTrue(e.getMessage().startsWith("Delimiter is ';;', but must be exactly one character"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("quote", ",")));
    }

    @Test
    void bigFileReportsProgressByBytesAndCanBeCancelled() throws IOException {
        Path big = dir.resolve("big.csv");
        var sb = new StringBuilder("a,b,c\n");
        int rows = 5 * CsvTableReader.REPORT_EVERY + 17;
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i * 0.5).append(",k").append(i % 3).append('\n');
        }
        Files.writeString(big, sb);

        TestContext ctx = TestContext.create(dir);
        Table t = (Table) tester.execute(settings("big.csv", Map.of()), ctx).outputs().get(0);
        assertEquals(rows, t.rowCount());
        var fractions = ctx.progressEvents().stream().mapToDouble(TestContext.ProgressEvent::fraction).toArray();
        assertTrue(fractions.length >= 6, "one report per " + CsvTableReader.REPORT_EVERY + " rows");
        for (int i = 1; i < fractions.length; i++) {
            assertTrue(fractions[i] >= fractions[i - 1], "progress never goes back");
        }
        assertEquals(1.0, fractions[fractions.length - 1]);

        TestContext cancelling = TestContext.create(dir).cancelAfterProgressReports(3);
        assertThrows(CanceledException.class, () -> tester.execute(settings("big.csv", Map.of()), cancelling));
    }

    @Test
    void sameFileGivesTheSameTable() throws IOException {
        file("mixed.csv", MIXED);
        TableAssert.assertTablesEqual(read("mixed.csv", Map.of()), read("mixed.csv", Map.of()));
    }
}
