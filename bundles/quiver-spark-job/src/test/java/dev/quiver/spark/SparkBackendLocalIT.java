package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.WorkRunner.Outcome;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;
import dev.quiver.backend.spark.internal.SparkBackendFactory;
import dev.quiver.nodes.prep.NormalizerNodeFactory;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark backend end to end on {@code local[2]}, with the shaded job jar this module just built:
 * a separate driver JVM, tasks that re-create learners and transforms from their saved form, and
 * predictions that must equal, bit for bit, what {@link FitJob#run} computes in this process.
 */
class SparkBackendLocalIT {
    private static final FitColumns IRIS = new FitColumns("class",
            List.of("sepal_length", "sepal_width", "petal_length", "petal_width"));
    private static ExecutionBackend spark;
    private static Path home;

    @BeforeAll
    static void start() throws IOException {
        home = Files.createTempDirectory("quiver-spark-home-");
        Files.createSymbolicLink(home.resolve("lib"), Path.of(System.getProperty("spark.lib")).toAbsolutePath());
        Files.copy(Path.of(System.getProperty("job.jar")), home.resolve("quiver-spark-job.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        System.setProperty("quiver.spark.home", home.toString());
        spark = new SparkBackendFactory().open(Map.of("master", "local[2]"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        System.clearProperty("quiver.spark.home");
        if (home != null) {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + home + ": " + e.getMessage());
            }
        }
    }

    private static Learner logistic(Map<String, ?> overrides) {
        var tester = NodeTester.of(new LogisticRegressionNodeFactory());
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    private static Transform normalizer(Table table) {
        var tester = NodeTester.of(new NormalizerNodeFactory());
        return (Transform) tester.execute(tester.settings(Map.of()), table).outputs().get(1);
    }

    /** Five shuffled folds of iris, seed 7. */
    private static List<int[][]> folds(int rows) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, rows).boxed().toList());
        Collections.shuffle(order, new java.util.Random(7));
        List<int[][]> folds = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            final int fold = f;
            int[] test = IntStream.range(0, rows).filter(i -> i % 5 == fold).map(order::get).toArray();
            int[] train = IntStream.range(0, rows).filter(i -> i % 5 != fold).map(order::get).toArray();
            folds.add(new int[][] {train, test});
        }
        return folds;
    }

    @Test
    void foldsAndTrialsOnSparkPredictExactlyWhatTheyPredictLocally() {
        Table iris = Fixtures.iris();
        FitJob job = new FitJob(iris, IRIS, Optional.of(normalizer(iris)));
        List<FitUnit> units = new ArrayList<>();
        for (int epochs : new int[] {2, 10}) {
            for (int[][] fold : folds(iris.rowCount())) {
                units.add(new FitUnit(logistic(Map.of("epochs", epochs)), fold[0], fold[1]));
            }
        }
        var context = TestContext.create();
        List<Integer> announced = Collections.synchronizedList(new ArrayList<>());
        List<Outcome<FitResult>> outcomes = spark.fitAll(job, units, 2, context, o -> announced.add(o.index()));

        assertEquals(units.size(), outcomes.size());
        assertEquals(units.size(), announced.size(), "one progress call per unit");
        String quiver = ProcessHandle.current().pid() + "@";
        for (int i = 0; i < units.size(); i++) {
            Outcome<FitResult> o = outcomes.get(i);
            assertEquals(i, o.index());
            assertTrue(o.succeeded(), () -> "unit failed: " + o.failure());
            FitResult local = job.run(units.get(i), TestContext.create());
            assertEquals(local.spec().classes(), o.value().spec().classes());
            assertTablesIdentical(local.predicted(), o.value().predicted());
            assertTrue(!o.value().worker().startsWith(quiver), "fitted in another JVM, not " + o.value().worker());
        }
        // The two epoch settings must actually differ, or equality above would prove little.
        assertNotEquals(outcomes.get(0).value().predicted().doubleColumn("P(setosa)").get(0),
                outcomes.get(5).value().predicted().doubleColumn("P(setosa)").get(0));
    }

    /** XGBoost (native code inside the job jar), libsvm and a random forest, each with its own state to rebuild. */
    @Test
    void otherTribuoLearnersGiveTheLocalPredictionsToo() {
        Table iris = Fixtures.iris();
        FitJob job = new FitJob(iris, IRIS, Optional.empty());
        int[][] fold = folds(iris.rowCount()).get(2);
        List<Learner> learners = List.of(learner(new dev.quiver.nodes.tribuo.XGBoostNodeFactory()),
                learner(new dev.quiver.nodes.tribuo.SvmNodeFactory()),
                learner(new dev.quiver.nodes.tribuo.RandomForestNodeFactory()));
        List<FitUnit> units = learners.stream().map(l -> new FitUnit(l, fold[0], fold[1])).toList();
        List<Outcome<FitResult>> outcomes = spark.fitAll(job, units, 2, TestContext.create(), o -> { });
        for (int i = 0; i < units.size(); i++) {
            Outcome<FitResult> o = outcomes.get(i);
            assertTrue(o.succeeded(), () -> "unit failed: " + o.failure());
            assertTablesIdentical(job.run(units.get(i), TestContext.create()).predicted(), o.value().predicted());
        }
    }

    private static <S extends Record> Learner learner(dev.quiver.api.node.NodeFactory<S> factory) {
        var tester = NodeTester.of(factory);
        return (Learner) tester.execute(tester.settings(Map.of())).outputs().get(0);
    }

    @Test
    void aUnitThatThrowsIsAFailedOutcomeAndTheOthersFinish() {
        Table iris = Fixtures.iris();
        FitJob job = new FitJob(iris, IRIS, Optional.empty());
        int[][] fold = folds(iris.rowCount()).get(0);
        List<FitUnit> units = List.of(
                new FitUnit(logistic(Map.of()), fold[0], fold[1]),
                new FitUnit(logistic(Map.of()), new int[0], fold[1]),
                new FitUnit(logistic(Map.of()), fold[0], fold[1]));
        List<Outcome<FitResult>> outcomes = spark.fitAll(job, units, 2, TestContext.create(), o -> { });
        assertTrue(outcomes.get(0).succeeded());
        assertTrue(outcomes.get(2).succeeded());
        assertNotNull(outcomes.get(1).failure(), "training on no rows must fail");
        assertNull(outcomes.get(1).value());
        // What the same unit says locally.
        var local = assertThrows(RuntimeException.class, () -> job.run(units.get(1), TestContext.create()));
        assertEquals(local.getMessage(), outcomes.get(1).failure());
    }

    @Test
    void cancellingStopsTheJobAndLeavesTheRestCancelled() {
        Table iris = Fixtures.iris();
        FitJob job = new FitJob(iris, IRIS, Optional.empty());
        int[][] fold = folds(iris.rowCount()).get(0);
        List<FitUnit> units = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            units.add(new FitUnit(logistic(Map.of("epochs", 3000)), fold[0], fold[1]));
        }
        var context = TestContext.create();
        long start = System.nanoTime();
        List<Outcome<FitResult>> outcomes = spark.fitAll(job, units, 2, context, o -> context.cancel());
        double seconds = (System.nanoTime() - start) / 1e9;
        long cancelled = outcomes.stream().filter(Outcome::canceled).count();
        assertTrue(cancelled >= 30, "most units never ran: " + cancelled + " of 40 cancelled");
        assertTrue(seconds < 60, "cancellation took " + seconds + " s");
        // The driver survives a cancelled job and takes the next one.
        List<Outcome<FitResult>> after = spark.fitAll(job, units.subList(0, 1), 2, TestContext.create(), o -> { });
        assertTrue(after.get(0).succeeded(), () -> "after cancel: " + after.get(0).failure());
    }

    @Test
    void aLearnerTheJobJarDoesNotCarryIsRefusedWithTheFix() {
        Table iris = Fixtures.iris();
        Learner learner = logistic(Map.of());
        Learner foreign = new Learner() {
            @Override
            public dev.quiver.api.port.LearnerSpec spec() {
                var s = learner.spec();
                return new dev.quiver.api.port.LearnerSpec(s.name(), s.task(), "quiver.dl4j.neural-network", s.settings());
            }

            @Override
            public dev.quiver.api.port.ModelSpec configure(dev.quiver.api.table.TableSpec training, FitColumns columns) {
                return learner.configure(training, columns);
            }

            @Override
            public dev.quiver.api.port.Model fit(Table training, FitColumns columns,
                    dev.quiver.api.node.ExecutionContext context) {
                return learner.fit(training, columns, context);
            }

            @Override
            public Optional<Record> settingsRecord() {
                return learner.settingsRecord();
            }
        };
        int[][] fold = folds(iris.rowCount()).get(0);
        var e = assertThrows(InvalidInputException.class, () -> spark.fitAll(new FitJob(iris, IRIS, Optional.empty()),
                List.of(new FitUnit(foreign, fold[0], fold[1])), 1, TestContext.create(), o -> { }));
        assertTrue(e.getMessage().contains("quiver.dl4j.neural-network") && e.getMessage().contains("local backend"),
                e.getMessage());
    }

    @Test
    void batchScoringOnSparkWritesTheRowsTheLocalStreamWrites(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Table iris = Fixtures.iris();
        Transform normalizer = normalizer(iris);
        var model = logistic(Map.of("epochs", 5)).fit(normalizer.apply(iris, TestContext.create()), IRIS,
                TestContext.create());
        var pipeline = dev.quiver.api.port.PipelineModel.of(List.of(normalizer), model);
        Path input = tmp.resolve("flowers.csv");
        int rows = 120_000;
        writeFlowers(input, rows);

        var batch = NodeTester.of(new dev.quiver.nodes.io.BatchScoreNodeFactory());
        Path localOut = tmp.resolve("local");
        batch.execute(batch.settings(Map.of("input", input.toString(), "output", localOut.toString(),
                "rowsPerPart", 50_000)), pipeline);

        Path sparkOut = tmp.resolve("spark");
        var progress = TestContext.create();
        var result = spark.batchScore(new dev.quiver.api.node.BatchScoreJob(pipeline, input.toString(), "csv",
                sparkOut.toString(), 50_000), progress).orElseThrow();

        assertEquals(rows, result.rows());
        assertTrue(result.partitions() >= 2, "partitions: " + result.partitions());
        assertEquals(result.partitions(), partFiles(sparkOut).size());
        assertTrue(!progress.progressEvents().isEmpty(), "progress reached the node");
        List<String> local = dataLines(localOut);
        List<String> onSpark = dataLines(sparkOut);
        assertEquals(rows, local.size());
        assertEquals(local.size(), onSpark.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i), onSpark.get(i), "row " + i);
        }
        assertEquals(Files.readAllLines(partFiles(localOut).get(0)).get(0),
                Files.readAllLines(partFiles(sparkOut).get(0)).get(0), "same header");
    }

    @Test
    void parquetIsScoredLikeTheSameRowsInCsv(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Table iris = Fixtures.iris();
        var model = logistic(Map.of("epochs", 5)).fit(iris, IRIS, TestContext.create());
        Path csv = tmp.resolve("flowers.csv");
        writeFlowers(csv, 20_000);
        Path parquet = tmp.resolve("flowers.parquet");
        // The same rows as Parquet (typed columns: id long, measurements double, note string), written by a
        // Spark session in this JVM, in one file so that row order is the CSV's.
        var session = org.apache.spark.sql.SparkSession.builder().master("local[1]").appName("write-parquet")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            session.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
                    .write().parquet(parquet.toString());
        } finally {
            session.stop();
        }
        Path fromCsv = tmp.resolve("csv-out");
        Path fromParquet = tmp.resolve("parquet-out");
        spark.batchScore(new dev.quiver.api.node.BatchScoreJob(model, csv.toString(), "csv", fromCsv.toString(), 1000),
                TestContext.create()).orElseThrow();
        var result = spark.batchScore(new dev.quiver.api.node.BatchScoreJob(model, parquet.toString(), "parquet",
                fromParquet.toString(), 1000), TestContext.create()).orElseThrow();
        assertEquals(20_000, result.rows());
        List<String> a = dataLines(fromCsv);
        List<String> b = dataLines(fromParquet);
        assertEquals(a.size(), b.size());
        // Parquet's typed cells print as the CSV's text did (whole numbers, shortest doubles, quoted text), so the
        // scored lines are the same lines.
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "row " + i);
        }
    }

    @Test
    void aBadCellIsReportedByLineAndColumn(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Table iris = Fixtures.iris();
        var model = logistic(Map.of()).fit(iris, IRIS, TestContext.create());
        Path input = tmp.resolve("bad.csv");
        Files.writeString(input, "id,sepal_length,sepal_width,petal_length,petal_width,note\n"
                + "1,5.1,3.5,1.4,0.2,x\n2,five,3.0,1.4,0.2,y\n");
        var e = assertThrows(InvalidInputException.class, () -> spark.batchScore(new dev.quiver.api.node.BatchScoreJob(
                model, input.toString(), "csv", tmp.resolve("out").toString(), 1000), TestContext.create()));
        assertTrue(e.getMessage().contains("Line 3") && e.getMessage().contains("'five'"), e.getMessage());
    }

    /** Iris-like rows with an id, and a text column that needs quoting or is empty. */
    static void writeFlowers(Path file, int rows) throws IOException {
        var random = new java.util.Random(11);
        try (var w = Files.newBufferedWriter(file)) {
            w.write("id,sepal_length,sepal_width,petal_length,petal_width,note\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + "," + round(4.3 + 3.6 * random.nextDouble()) + "," + round(2 + 2.4 * random.nextDouble())
                        + "," + round(1 + 5.9 * random.nextDouble()) + ","
                        + round(0.1 + 2.4 * random.nextDouble()) + "," + (i % 3 == 0 ? "\"a, b\"" : i % 7 == 0 ? "" : "plain") + "\n");
            }
        }
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static List<Path> partFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("part-\\d{5}\\.csv")).sorted().toList();
        }
    }

    /** Every part's rows after its header, parts in order. */
    static List<String> dataLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path part : partFiles(dir)) {
            List<String> all = Files.readAllLines(part);
            lines.addAll(all.subList(1, all.size()));
        }
        return lines;
    }

    static void assertTablesIdentical(Table expected, Table actual) {
        assertEquals(expected.spec(), actual.spec());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            for (int r = 0; r < expected.rowCount(); r++) {
                if (e.type().isNumeric()) {
                    assertEquals(Double.doubleToRawLongBits(e.getDouble(r)), Double.doubleToRawLongBits(a.getDouble(r)),
                            e.name() + " row " + r);
                } else {
                    assertEquals(e.format(r), a.format(r), e.name() + " row " + r);
                }
            }
        }
    }
}
