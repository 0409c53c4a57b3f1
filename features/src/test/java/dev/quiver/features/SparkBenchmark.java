package dev.quiver.features;

import dev.quiver.features.Distribution.Captured;
import dev.quiver.launcher.QuiverRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Spark backend costs and gives on this machine, printed as a table: the spark-tuning search
 * (32 trials, 3 folds, 96 random-forest fits) with the local backend (2 threads), Spark local[2] and a
 * two-worker standalone cluster on loopback; and batch scoring of a million CSV rows, local stream vs
 * Spark. Every figure is the wall time of one {@code quiver run} in the same Quiver process, so Spark's
 * figures include starting its driver and executor JVMs, which is what a user waits for.
 *
 * <p>Run: {@code mvn -B -o -pl features -Pbench verify -DskipITs} after {@code mvn package} (see
 * examples/spark-tuning/BENCH.md).
 */
public final class SparkBenchmark {
    private record Row(String work, String backend, double seconds, double units, String unit) {
    }

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path tmp = Files.createTempDirectory("quiver-spark-bench-");
        var rows = new ArrayList<Row>();
        try (var cluster = SparkCluster.start(Distribution.HOME.resolve("spark/lib"), 2, tmp.resolve("cluster"));
                var runtime = QuiverRuntime.start(Distribution.HOME, List.of())) {
            String search = Distribution.example("spark-tuning/spark-tuning.quiver.json");
            String[] local = {"--backend", "local"};
            String[] sparkLocal = {"--spark-master", "local[2]"};
            String[] standalone = {"--spark-master", cluster.masterUrl(), "--backend-option", "spark.executor.memory=768m"};
            // Warm the Quiver JVM's JIT on the same code, so the local figure is not its first run.
            time(runtime, tmp, search, local, "--set", "tune.maxTrials=4");
            String[] oneTrial = {"--set", "tune.maxTrials=1"};
            rows.add(new Row("1-trial search (startup)", "local, 2 threads", time(runtime, tmp, search, local, oneTrial), 1, "trials"));
            rows.add(new Row("1-trial search (startup)", "spark local[2]", time(runtime, tmp, search, sparkLocal, oneTrial), 1, "trials"));
            rows.add(new Row("1-trial search (startup)", "spark standalone 2x1 core",
                    time(runtime, tmp, search, standalone, oneTrial), 1, "trials"));
            rows.add(new Row("32-trial search", "local, 2 threads", time(runtime, tmp, search, local), 32, "trials"));
            rows.add(new Row("32-trial search", "spark local[2]", time(runtime, tmp, search, sparkLocal), 32, "trials"));
            rows.add(new Row("32-trial search", "spark standalone 2x1 core", time(runtime, tmp, search, standalone), 32,
                    "trials"));

            int n = 1_000_000;
            Path input = tmp.resolve("flowers.csv");
            FlowerFile.write(input, n);
            Path wf = tmp.resolve("score.quiver.json");
            Files.writeString(wf, """
                    {"format":"quiver-workflow","formatVersion":1,"seed":1,
                     "nodes":[
                      {"id":"reader","type":"quiver.io.csv-reader","version":1,"settings":{"path":"%s"}},
                      {"id":"learner","type":"quiver.tribuo.logistic-regression","version":1,"settings":{"epochs":20,"seed":7}},
                      {"id":"train","type":"quiver.model.train","version":1,"settings":{"labelColumn":"class"}},
                      {"id":"score","type":"quiver.io.batch-score","version":1,
                       "settings":{"input":"%s","output":"%s","rowsPerPart":250000,"overwrite":true}}],
                     "connections":[
                      {"from":{"node":"reader","port":"table"},"to":{"node":"train","port":"table"}},
                      {"from":{"node":"learner","port":"learner"},"to":{"node":"train","port":"learner"}},
                      {"from":{"node":"train","port":"model"},"to":{"node":"score","port":"model"}}]}
                    """.formatted(Distribution.example("iris/iris.csv"), input, tmp.resolve("scored")));
            time(runtime, tmp, wf.toString(), local); // warm-up
            rows.add(new Row("batch score 1M rows", "local stream", time(runtime, tmp, wf.toString(), local), n, "rows"));
            rows.add(new Row("batch score 1M rows", "spark local[2]", time(runtime, tmp, wf.toString(), sparkLocal), n, "rows"));
            rows.add(new Row("batch score 1M rows", "spark standalone 2x1 core",
                    time(runtime, tmp, wf.toString(), standalone), n, "rows"));
        } finally {
            deleteTree(tmp);
        }
        print(rows);
    }

    private static double time(QuiverRuntime runtime, Path tmp, String workflow, String[] backend, String... extra) {
        var args = new ArrayList<>(List.of("run", workflow, "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(backend));
        args.addAll(List.of(extra));
        long start = System.nanoTime();
        Captured c = Distribution.quiver(runtime, args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (c.code() != 0) {
            throw new IllegalStateException("Benchmark run failed: " + c.show().get());
        }
        System.err.printf(Locale.ROOT, "%6.2f s  %s%n", seconds, String.join(" ", args));
        return seconds;
    }

    private static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "| %-24s | %-26s | %8s | %14s | %13s |%n", "work", "backend", "wall s",
                "throughput", "time vs local");
        System.out.println("|---|---|---:|---:|---:|");
        double baseline = Double.NaN;
        String work = "";
        for (Row r : rows) {
            if (!r.work().equals(work)) {
                work = r.work();
                baseline = r.seconds();
            }
            double rate = r.units() / r.seconds();
            System.out.printf(Locale.ROOT, "| %-24s | %-26s | %8.2f | %s %s/s | %12.2fx |%n", r.work(), r.backend(),
                    r.seconds(), rate >= 100 ? String.format(Locale.ROOT, "%9.0f", rate)
                            : String.format(Locale.ROOT, "%9.2f", rate), r.unit(), r.seconds() / baseline);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
