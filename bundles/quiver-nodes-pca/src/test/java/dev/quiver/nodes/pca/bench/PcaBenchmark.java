package dev.quiver.nodes.pca.bench;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.pca.KernelPcaNodeFactory;
import dev.quiver.nodes.pca.PcaNodeFactory;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Times PCA and Kernel PCA against scikit-learn on the 200,000 × 50 benchmark table and prints a
 * table. Not a test: run it with {@code mvn -B -o -pl bundles/quiver-nodes-pca -Pbench test-compile
 * exec:java} (see BENCH.md). Arguments: {@code [path to large_classification.csv.gz] [--full]};
 * without a path it looks for {@code shared/data/} beside an ancestor of the working directory
 * and skips with a message when absent. scikit-learn is timed in the same session through
 * {@code /usr/bin/python3} with one thread; without it the figures from the issue are shown.
 */
public final class PcaBenchmark {
    private static final String FILE = "large_classification.csv.gz";
    private static final Map<String, Double> ISSUE_FIGURES = Map.of("pca_full", 0.59, "pca_randomized", 0.67,
            "kpca_arpack", 0.94, "kpca_dense", 13.7);

    private PcaBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean full = List.of(args).contains("--full");
        Path data = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().map(Path::of).orElse(find());
        if (data == null || !Files.exists(data)) {
            System.out.println("Benchmark skipped: " + FILE + " not found (looked for shared/data/ next to the working "
                    + "directory and its ancestors). Pass its path as the first argument.");
            return;
        }
        System.out.println("Reading " + data);
        Table table = read(data);
        System.out.printf(Locale.ROOT, "%,d rows × %d columns; %d processors; Java %s%n", table.rowCount(),
                table.columnCount(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Table first5000 = standardize(table.slice(0, 5000));
        Table all = standardize(table);

        System.out.println("Timing scikit-learn (one thread) ...");
        Map<String, Double> sk = scikitLearn(data, full);
        boolean measured = !sk.isEmpty();
        if (!measured) {
            sk = ISSUE_FIGURES;
        }

        var pca = new PcaNodeFactory();
        var kpca = new KernelPcaNodeFactory();
        var pcaSettings = Settings.with(pca.defaultSettings(), Map.of("components", 10));
        var rows = new ArrayList<String[]>();
        for (int threads : new int[] {1, 2}) {
            double[] t = time(pca, pcaSettings, table, threads, 5);
            rows.add(row("PCA 10 comp., 200,000 × 50, " + threads + " thr.", t, sk, "pca_full", "full SVD",
                    "≤ 0.5 × sklearn", 0.5));
            rows.add(row("", t, sk, "pca_randomized", "randomized", "", Double.NaN));
        }
        var kSettings = Settings.with(kpca.defaultSettings(), Map.of("components", 2, "gamma", 0.02, "solver", "ITERATIVE"));
        for (int threads : new int[] {1, 2}) {
            double[] t = time(kpca, kSettings, first5000, threads, 3);
            rows.add(row("Kernel PCA RBF, 5,000 × 50, Lanczos, " + threads + " thr.", t, sk, "kpca_arpack", "ARPACK",
                    "≤ 1 × ARPACK", 1));
            if (sk.containsKey("kpca_dense")) {
                rows.add(row("", t, sk, "kpca_dense", "dense", "", Double.NaN));
            }
        }
        var nSettings = Settings.with(kpca.defaultSettings(), Map.of("components", 2, "gamma", 0.02, "solver", "NYSTROM"));
        for (int threads : new int[] {1, 2}) {
            double[] t = time(kpca, nSettings, all, threads, 1);
            String[] r = row("Nyström Kernel PCA, 200,000 × 50, 300 landm., " + threads + " thr.", t, sk, "nystroem_pca",
                    "Nystroem+PCA", "< 30 s", Double.NaN);
            r[r.length - 1] = t[0] < 30 ? "yes" : "NO";
            rows.add(r);
        }
        System.out.println();
        System.out.println("scikit-learn figures: " + (measured ? "measured now, same machine, one thread"
                : "from the issue (python3/scikit-learn not available here)"));
        print(rows);
        if (sk.containsKey("kpca_eigenvalues_0")) {
            NodeResult r = kpca.execute(new Ports<>(kpca.descriptor().inputs(), List.<PortObject>of(first5000)), kSettings,
                    new BenchContext(2));
            Table v = (Table) r.outputs().get(2);
            System.out.printf(Locale.ROOT, "Kernel PCA eigenvalues: Quiver %.10f, %.10f; scikit-learn %.10f, %.10f%n",
                    v.column("eigenvalue").getDouble(0), v.column("eigenvalue").getDouble(1),
                    sk.get("kpca_eigenvalues_0"), sk.get("kpca_eigenvalues_1"));
        }
    }

    /** One table row: wall and CPU seconds, scikit-learn's, their ratios, and whether the goal ratio holds. */
    private static String[] row(String what, double[] quiver, Map<String, Double> sk, String key, String skName,
            String goal, double goalRatio) {
        Double wall = sk.get(key);
        Double cpu = sk.get(key + "_cpu");
        String rw = wall == null ? "-" : fmt(quiver[0] / wall);
        String rc = cpu == null || Double.isNaN(quiver[1]) ? "-" : fmt(quiver[1] / cpu);
        String met = "";
        if (!Double.isNaN(goalRatio) && wall != null) {
            boolean byWall = quiver[0] <= goalRatio * wall;
            boolean byCpu = cpu != null && !Double.isNaN(quiver[1]) && quiver[1] <= goalRatio * cpu;
            met = (byWall ? "yes" : "NO") + (cpu == null || Double.isNaN(quiver[1]) ? "" : " / " + (byCpu ? "yes" : "NO"));
        }
        return new String[] {what, fmt(quiver[0]), Double.isNaN(quiver[1]) ? "-" : fmt(quiver[1]),
                wall == null ? "-" : fmt(wall) + " (" + skName + ")", cpu == null ? "-" : fmt(cpu), rw, rc, goal, met};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void print(List<String[]> rows) {
        String[] header = {"case", "Quiver wall s", "Quiver CPU s", "sklearn wall s", "sklearn CPU s", "ratio wall",
                "ratio CPU", "goal", "met (wall / CPU)"};
        int[] w = new int[header.length];
        var all = new ArrayList<String[]>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : all) {
            var sb = new StringBuilder("| ");
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + w[i] + "s | ", r[i]));
            }
            System.out.println(sb.toString().stripTrailing());
            if (r == header) {
                var sep = new StringBuilder("|");
                for (int x : w) {
                    sep.append("-".repeat(x + 2)).append('|');
                }
                System.out.println(sep);
            }
        }
    }

    /**
     * Best wall time and best CPU time of {@code reps} runs after one warm-up run (the JIT compiles
     * the kernels first). CPU time is the calling thread's, which does all the work with one
     * thread; it is what to compare on a shared machine, where wall time includes waiting.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static double[] time(NodeFactory factory, Record settings, Table table, int threads, int reps) {
        var inputs = new Ports<>(factory.descriptor().inputs(), List.<PortObject>of(table));
        var context = new BenchContext(threads);
        var bean = ManagementFactory.getThreadMXBean();
        factory.execute(inputs, settings, context);
        double best = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            factory.execute(inputs, settings, context);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            cpu = Math.min(cpu, (bean.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        return new double[] {best, threads == 1 ? cpu : Double.NaN};
    }

    private static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve("shared/data").resolve(FILE), p.resolveSibling("shared/data").resolve(FILE))) {
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static Table read(Path path) throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(path), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            String[] header = in.readLine().split(",");
            int d = header.length - 1;
            var values = new ArrayList<double[]>();
            var labels = new ArrayList<String>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                double[] v = new double[d];
                int start = 0;
                for (int j = 0; j < d; j++) {
                    int end = line.indexOf(',', start);
                    v[j] = Double.parseDouble(line.substring(start, end));
                    start = end + 1;
                }
                values.add(v);
                labels.add(line.substring(start));
            }
            var cols = new ArrayList<Column>();
            for (int j = 0; j < d; j++) {
                double[] c = new double[values.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = values.get(i)[j];
                }
                cols.add(DoubleColumn.wrap(new ColumnSpec(header[j], ColumnType.DOUBLE), c));
            }
            cols.add(StringColumn.of(new ColumnSpec(header[d], ColumnType.STRING, ColumnRole.LABEL), labels));
            return Table.of(cols);
        }
    }

    /** Centres and scales every double column (population standard deviation, as StandardScaler). */
    public static Table standardize(Table t) {
        var cols = new ArrayList<Column>();
        for (Column c : t.columns()) {
            if (c instanceof DoubleColumn dc) {
                double[] v = dc.toArray();
                double mean = 0;
                for (double x : v) {
                    mean += x;
                }
                mean /= v.length;
                double ss = 0;
                for (double x : v) {
                    ss += (x - mean) * (x - mean);
                }
                double sd = Math.sqrt(ss / v.length);
                for (int i = 0; i < v.length; i++) {
                    v[i] = sd > 0 ? (v[i] - mean) / sd : 0;
                }
                cols.add(DoubleColumn.wrap(c.spec(), v));
            } else {
                cols.add(c);
            }
        }
        return Table.of(cols);
    }

    /** Runs the scikit-learn side with one thread; empty when Python or scikit-learn is missing. */
    private static Map<String, Double> scikitLearn(Path data, boolean full) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return Map.of();
        }
        Path script = Files.createTempFile("quiver-pca-bench", ".py");
        try {
            Files.writeString(script, SCRIPT);
            var pb = new ProcessBuilder(python.toString(), script.toString(), data.toString(), full ? "full" : "quick");
            for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
                pb.environment().put(v, "1");
            }
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                System.out.println("scikit-learn run failed:\n" + out);
                return Map.of();
            }
            var result = new LinkedHashMap<String, Double>();
            String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
            Matcher m = Pattern.compile("\"(\\w+)\": ([-0-9.eE]+)").matcher(json);
            while (m.find()) {
                result.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            Matcher eig = Pattern.compile("\"kpca_eigenvalues\": \\[([^]]*)]").matcher(json);
            if (eig.find()) {
                String[] parts = eig.group(1).split(",");
                for (int i = 0; i < parts.length; i++) {
                    result.put("kpca_eigenvalues_" + i, Double.parseDouble(parts[i].trim()));
                }
            }
            return result;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static final String SCRIPT = """
            import json, sys, time
            import numpy as np
            from sklearn.decomposition import PCA, KernelPCA
            from sklearn.kernel_approximation import Nystroem
            from sklearn.preprocessing import StandardScaler
            X = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, usecols=range(50))
            full = sys.argv[2] == "full"
            res = {}
            def best(name, f, reps):
                ts, cs = [], []
                out = None
                for _ in range(reps):
                    t, c = time.perf_counter(), time.process_time()
                    out = f()
                    ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
                res[name], res[name + "_cpu"] = min(ts), min(cs)
                return out
            best("pca_full", lambda: PCA(10, svd_solver="full").fit_transform(X), 3)
            best("pca_randomized", lambda: PCA(10, svd_solver="randomized", random_state=0).fit_transform(X), 3)
            Xs = StandardScaler().fit_transform(X[:5000])
            def arpack():
                k = KernelPCA(2, kernel="rbf", gamma=0.02, eigen_solver="arpack", random_state=0)
                k.fit_transform(Xs)
                return k
            k = best("kpca_arpack", arpack, 3)
            res["kpca_eigenvalues"] = k.eigenvalues_.tolist()
            if full:
                best("kpca_dense", lambda: KernelPCA(2, kernel="rbf", gamma=0.02, eigen_solver="dense").fit_transform(Xs), 1)
            Xall = StandardScaler().fit_transform(X)
            def nys():
                f = Nystroem(kernel="rbf", gamma=0.02, n_components=300, random_state=0).fit_transform(Xall)
                return PCA(2).fit_transform(f)
            best("nystroem_pca", nys, 1)
            print(json.dumps(res))
            """;
}
