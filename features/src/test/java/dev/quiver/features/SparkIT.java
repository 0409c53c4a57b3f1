package dev.quiver.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.features.Distribution.Captured;
import dev.quiver.launcher.QuiverRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark backend against a real standalone cluster on 127.0.0.1 (a Master and two one-core Workers
 * from the distribution's spark/lib): search trials and cross-validation folds give exactly the local
 * results, run in at least two executor JVMs that are neither Quiver nor the driver, survive an executor
 * killed with SIGKILL mid-run, and batch scoring of a million rows writes the lines the local stream
 * writes. Every Spark process is stopped afterwards.
 */
class SparkIT {
    private static final Path HOME = Distribution.HOME;
    private static QuiverRuntime runtime;
    private static SparkCluster cluster;
    private static Path clusterDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        clusterDir = Files.createTempDirectory("quiver-spark-cluster-");
        cluster = SparkCluster.start(HOME.resolve("spark/lib"), 2, clusterDir);
        runtime = QuiverRuntime.start(HOME, List.of());
    }

    @AfterAll
    static void stop() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("org.apache.spark")
                        || p.info().commandLine().orElse("").contains("dev.quiver.spark.Driver")).toList();
        assertEquals(List.of(), left, "Spark processes left running");
        deleteTree(clusterDir);
    }

    /** The cluster's logs and work folders (each executor keeps a copy of the job jar there). */
    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static Captured quiver(String... args) {
        return Distribution.quiver(runtime, args);
    }

    private String[] onCluster(Path workerLog, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--spark-master", cluster.masterUrl(), "--backend-option", "worker-log=" + workerLog,
                "--backend-option", "spark.executor.memory=768m"));
        return all.toArray(String[]::new);
    }

    @Test
    void aSearchOnTheClusterEqualsTheLocalOneAndSurvivesAKilledExecutor() throws Exception {
        String workflow = Distribution.example("spark-tuning/spark-tuning.quiver.json");
        String[] smaller = {"--set", "tune.maxTrials=12", "--set", "forest.trees=20"};
        Path localOut = tmp.resolve("local");
        Captured local = quiver(concat(new String[] {"run", workflow, "--backend", "local", "--out", localOut.toString()},
                smaller));
        assertEquals(0, local.code(), local.show());

        Path workerLog = tmp.resolve("workers.tsv");
        Path clusterOut = tmp.resolve("cluster");
        Set<Long> executorsSeen = ConcurrentHashMap.newKeySet();
        Set<Long> driversSeen = ConcurrentHashMap.newKeySet();
        CompletableFuture<Captured> run = CompletableFuture.supplyAsync(() -> quiver(onCluster(workerLog,
                concat(new String[] {"run", workflow, "--out", clusterOut.toString()}, smaller))));
        int units = 12 * 3;
        long killed = -1;
        int doneAtKill = -1;
        while (!run.isDone()) {
            cluster.executors().forEach(p -> executorsSeen.add(p.pid()));
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("dev.quiver.spark.Driver"))
                    .forEach(p -> driversSeen.add(p.pid()));
            int done = lines(workerLog).size();
            if (killed < 0 && done >= 3) {
                List<ProcessHandle> executors = cluster.executors();
                if (!executors.isEmpty()) {
                    ProcessHandle victim = executors.get(0);
                    killed = victim.pid();
                    doneAtKill = done;
                    victim.destroyForcibly(); // SIGKILL: the executor dies with whatever task it was running
                }
            }
            Thread.sleep(50);
        }
        Captured onSpark = run.get();
        assertEquals(0, onSpark.code(), onSpark.show());

        assertTrue(onSpark.err().contains(" of 12 trials"), "trial progress reached the node:\n" + onSpark.err());
        assertTrue(killed > 0, "an executor was killed");
        assertTrue(doneAtKill < units, "the kill came mid-run (" + doneAtKill + " of " + units + " units done)");
        List<String> trialsLocal = withoutColumn(Files.readAllLines(localOut.resolve("tune/trials.csv")), "seconds");
        List<String> trialsSpark = withoutColumn(Files.readAllLines(clusterOut.resolve("tune/trials.csv")), "seconds");
        assertEquals(13, trialsLocal.size(), "header + 12 trials");
        assertEquals(trialsLocal, trialsSpark, "the same trials table, score for score");
        assertTrue(trialsSpark.stream().skip(1).allMatch(l -> l.endsWith(",ok,")), String.join("\n", trialsSpark));

        List<String[]> ran = lines(workerLog).stream().map(l -> l.split("\t")).toList();
        assertEquals(units, ran.size(), "one outcome per unit (a retried unit is counted once)");
        assertTrue(ran.stream().allMatch(r -> r[3].equals("ok")), "every unit fitted");
        // Spark re-runs the task the killed executor was running (attempt 1 or later). In the rare case
        // the kill lands in the milliseconds between two of its tasks there is nothing to re-run; the
        // run must finish all the same, which the assertions above check, so that case is reported
        // rather than failed.
        if (ran.stream().noneMatch(r -> Integer.parseInt(r[4]) >= 1)) {
            System.out.println("SparkIT: executor " + killed + " was killed between tasks; no task needed a re-run");
        }
        Set<Long> workers = ran.stream().map(r -> Long.parseLong(r[2].substring(0, r[2].indexOf('@'))))
                .collect(Collectors.toSet());
        assertTrue(workers.size() >= 2, "units ran in " + workers + "; expected two executors at least");
        assertFalse(workers.contains(ProcessHandle.current().pid()), "no unit ran in the Quiver process");
        assertFalse(driversSeen.isEmpty(), "the driver JVM was seen");
        assertTrue(workers.stream().noneMatch(driversSeen::contains), "no unit ran in the driver " + driversSeen);
        assertTrue(executorsSeen.containsAll(workers), "every unit ran in a CoarseGrainedExecutorBackend JVM: "
                + workers + " vs " + executorsSeen);
    }

    @Test
    void crossValidationFoldsOnTheClusterEqualTheLocalOnes() throws IOException {
        Path wf = tmp.resolve("cv.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"normalize","type":"quiver.prep.normalizer","version":1,"settings":{"method":"Z_SCORE"}},
                  {"id":"learner","type":"quiver.tribuo.logistic-regression","version":1,
                   "settings":{"epochs":30,"seed":7}},
                  {"id":"cv","type":"quiver.model.cross-validate","version":1,
                   "settings":{"folds":5,"stratified":true,"labelColumn":"class","seed":3}}],
                 "connections":[
                  {"from":{"node":"reader","port":"table"},"to":{"node":"normalize","port":"table"}},
                  {"from":{"node":"reader","port":"table"},"to":{"node":"cv","port":"table"}},
                  {"from":{"node":"normalize","port":"transform"},"to":{"node":"cv","port":"transform"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"cv","port":"learner"}}]}
                """.formatted(Distribution.example("iris/iris.csv")));
        Path localOut = tmp.resolve("local");
        Captured local = quiver("run", wf.toString(), "--out", localOut.toString());
        assertEquals(0, local.code(), local.show());
        Path workerLog = tmp.resolve("workers.tsv");
        Path clusterOut = tmp.resolve("cluster");
        Captured onSpark = quiver(onCluster(workerLog, "run", wf.toString(), "--out", clusterOut.toString()));
        assertEquals(0, onSpark.code(), onSpark.show());

        for (String table : List.of("folds", "summary", "predictions")) {
            List<String> expected = withoutColumn(Files.readAllLines(localOut.resolve("cv/" + table + ".csv")), "seconds");
            List<String> actual = withoutColumn(Files.readAllLines(clusterOut.resolve("cv/" + table + ".csv")), "seconds");
            assertTrue(expected.size() > 1, table + " is not empty");
            assertEquals(expected, actual, table);
        }
        assertEquals(5, lines(workerLog).size(), "five folds ran on the cluster");
    }

    @Test
    void batchScoringAMillionRowsOnTheClusterWritesWhatTheLocalStreamWrites() throws IOException {
        Path input = tmp.resolve("flowers.csv");
        int rows = 1_000_000;
        FlowerFile.write(input, rows);
        Path wf = tmp.resolve("score.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[
                  {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                  {"id":"learner","type":"quiver.tribuo.logistic-regression","version":1,
                   "settings":{"epochs":20,"seed":7}},
                  {"id":"train","type":"quiver.model.train","version":1,"settings":{"labelColumn":"class"}},
                  {"id":"score","type":"quiver.io.batch-score","version":1,
                   "settings":{"input":"%s","output":"%s","rowsPerPart":250000,"overwrite":true}}],
                 "connections":[
                  {"from":{"node":"reader","port":"table"},"to":{"node":"train","port":"table"}},
                  {"from":{"node":"learner","port":"learner"},"to":{"node":"train","port":"learner"}},
                  {"from":{"node":"train","port":"model"},"to":{"node":"score","port":"model"}}]}
                """.formatted(Distribution.example("iris/iris.csv"), input.toString().replace("\\", "/"),
                "${out}"));
        Path localParts = tmp.resolve("scored-local");
        Path clusterParts = tmp.resolve("scored-cluster");
        Captured local = quiver("run", wf.toString(), "--set", "score.output=" + localParts, "--out",
                tmp.resolve("out-local").toString());
        assertEquals(0, local.code(), local.show());
        Captured onSpark = quiver(onCluster(tmp.resolve("workers.tsv"), "run", wf.toString(), "--set",
                "score.output=" + clusterParts, "--out", tmp.resolve("out-cluster").toString()));
        assertEquals(0, onSpark.code(), onSpark.show());

        List<String> summary = Files.readAllLines(tmp.resolve("out-cluster/score/summary.csv"));
        assertTrue(summary.get(1).startsWith(rows + ","), "summary: " + summary);
        assertTrue(summary.get(1).contains(",spark,"), "scored by the spark backend: " + summary);
        assertTrue(onSpark.err().contains("partitions scored on Spark"), "partition progress reached the node:\n"
                + onSpark.err());
        long compared = compareParts(localParts, clusterParts);
        assertEquals(rows, compared);
    }

    /** Compares the data lines of two part folders, streaming (a million rows would not fit comfortably). */
    private static long compareParts(Path expectedDir, Path actualDir) throws IOException {
        List<Path> expected = parts(expectedDir);
        List<Path> actual = parts(actualDir);
        assertFalse(expected.isEmpty());
        assertFalse(actual.isEmpty());
        String expectedHeader = Files.readAllLines(expected.get(0)).isEmpty() ? "" : firstLine(expected.get(0));
        for (Path p : actual) {
            assertEquals(expectedHeader, firstLine(p), "header of " + p.getFileName());
        }
        try (var e = new PartLines(expected); var a = new PartLines(actual)) {
            long n = 0;
            while (true) {
                String x = e.next();
                String y = a.next();
                if (x == null || y == null) {
                    assertEquals(x, y, "both outputs end at row " + n);
                    return n;
                }
                if (!x.equals(y)) {
                    assertEquals(x, y, "row " + n);
                }
                n++;
            }
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            return r.readLine();
        }
    }

    /** The data lines of the parts in order, each part's header skipped. */
    private static final class PartLines implements AutoCloseable {
        private final List<Path> parts;
        private int index;
        private BufferedReader reader;

        PartLines(List<Path> parts) {
            this.parts = parts;
        }

        String next() throws IOException {
            while (true) {
                if (reader == null) {
                    if (index >= parts.size()) {
                        return null;
                    }
                    reader = Files.newBufferedReader(parts.get(index++));
                    reader.readLine();
                }
                String line = reader.readLine();
                if (line != null) {
                    return line;
                }
                reader.close();
                reader = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("part-\\d{5}\\.csv")).sorted().toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The CSV lines without one column (times differ from run to run; nothing else may). */
    static List<String> withoutColumn(List<String> lines, String column) {
        int drop = List.of(lines.get(0).split(",", -1)).indexOf(column);
        if (drop < 0) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(drop);
            out.add(String.join(",", cells));
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
