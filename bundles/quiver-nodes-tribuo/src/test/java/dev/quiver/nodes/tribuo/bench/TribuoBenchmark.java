package dev.quiver.nodes.tribuo.bench;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.LibLinearNodeFactory;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.nodes.tribuo.XGBoostNodeFactory;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fit time and training accuracy on {@code large_classification} (200,000 × 50, 3 classes): each
 * learner through the Quiver {@link Learner} (table → Tribuo dataset → trainer → wrapped model) and
 * the same Tribuo trainer called directly on a dataset built by hand, so the ratio is the engine's
 * overhead. Both paths are warmed up on 5,000 rows first. Not a unit test: run it with
 * {@code mvn -B -o -pl bundles/quiver-nodes-tribuo -Pbench test-compile exec:java} (see BENCH.md);
 * {@code -Druns=N} keeps the best of N fits, {@code -Donly=text} runs only the rows whose name contains it.
 */
public final class TribuoBenchmark {
    private static final Path DATA = Path.of("../shared/data/large_classification.csv.gz");
    private static final int FOREST_ROWS = 20_000;

    private TribuoBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : locate();
        if (file == null) {
            System.out.println("large_classification.csv.gz not found (looked for " + DATA + " from the working"
                    + " directory and its parents); pass its path as the first argument. Nothing measured.");
            return;
        }
        int runs = Integer.getInteger("runs", 2);
        System.out.println("Reading " + file);
        Table all = read(file);
        Table forestRows = all.rows(java.util.stream.IntStream.range(0, FOREST_ROWS).toArray());
        List<String> features = all.spec().names().stream().filter(n -> !n.equals("class")).toList();
        var columns = new FitColumns("class", features);
        System.out.printf(Locale.ROOT, "%d rows × %d features, %d run(s) each, best time kept; %d processors%n%n",
                all.rowCount(), features.size(), runs, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-50s %10s %10s %8s %9s%n", "learner (rows)", "Quiver s", "Tribuo s",
                "ratio", "accuracy");

        var lrFast = Map.of("optimiser", "ADAGRAD", "learningRate", 0.5, "epochs", 2, "minibatchSize", 1);
        row("Logistic regression SGD, AdaGrad, 20 epochs (all)", runs, all, columns,
                learner(new LogisticRegressionNodeFactory(), Map.of()),
                () -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 1e-6), 20, -1, 1, 42L));
        row("Logistic regression SGD, AdaGrad η 0.5, 2 epochs (all)", runs, all, columns,
                learner(new LogisticRegressionNodeFactory(), lrFast),
                () -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 1e-6), 2, -1, 1, 42L));
        row("Logistic regression LIBLINEAR, C 1 (all)", runs, all, columns,
                learner(new LibLinearNodeFactory(), Map.of()),
                () -> new LibLinearClassificationTrainer(
                        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 0.01, 42L));
        row("XGBoost, 50 trees, depth 6, hist (all)", runs, all, columns,
                learner(new XGBoostNodeFactory(), Map.of("trees", 50)),
                () -> new XGBoostClassificationTrainer(XGBoostClassificationTrainer.BoosterType.GBTREE,
                        // 2 threads, as the learner gets from the test context's parallelism (2).
                        XGBoostClassificationTrainer.TreeMethod.HIST, 50, 0.3, 0, 6, 1, 1, 1, 1, 0, 2,
                        XGBoostClassificationTrainer.LoggingVerbosity.SILENT, 42L));
        row("Random forest, 20 trees, depth 20 (first 20,000)", runs, forestRows, columns,
                learner(new RandomForestNodeFactory(), Map.of("trees", 20)),
                () -> new RandomForestTrainer<>(new CARTClassificationTrainer(20, 1f, 0f, 0.5f, false,
                        new org.tribuo.classification.dtree.impurity.GiniIndex(), 42L),
                        new FullyWeightedVotingCombiner(), 20, 42L));
        System.out.println();
        System.out.println("Quiver = Learner.fit on a Quiver table (conversion included); Tribuo = trainer.train on a"
                + " dataset built beforehand. Accuracy is on the training rows, as scikit-learn's figures in BENCH.md.");
    }

    private static <S extends Record> Learner learner(NodeFactory<S> factory, Map<String, ?> overrides) {
        NodeTester<S> tester = NodeTester.of(factory);
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    private static void row(String name, int runs, Table data, FitColumns columns, Learner learner,
            Supplier<Trainer<Label>> direct) {
        String only = System.getProperty("only", "");
        if (!name.toLowerCase(Locale.ROOT).contains(only.toLowerCase(Locale.ROOT))) {
            return;
        }
        // Warm-up, untimed, on a slice: otherwise whichever path runs first pays for the JIT.
        Table slice = data.rows(java.util.stream.IntStream.range(0, Math.min(5_000, data.rowCount())).toArray());
        learner.fit(slice, columns, TestContext.create());
        direct.get().train(dataset(slice, columns));
        double quiver = Double.MAX_VALUE;
        double accuracy = 0;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            Model model = learner.fit(data, columns, TestContext.create());
            quiver = Math.min(quiver, (System.nanoTime() - t) / 1e9);
            if (r == 0) {
                accuracy = accuracy(model.predict(data, TestContext.create()), data);
            }
        }
        MutableDataset<Label> dataset = dataset(data, columns);
        double tribuo = Double.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            org.tribuo.Model<Label> model = direct.get().train(dataset);
            tribuo = Math.min(tribuo, (System.nanoTime() - t) / 1e9);
            if (r == 0) {
                double own = 0;
                List<Prediction<Label>> out = model.predict(dataset);
                for (int i = 0; i < out.size(); i++) {
                    own += out.get(i).getOutput().getLabel().equals(dataset.getExample(i).getOutput().getLabel()) ? 1 : 0;
                }
                own /= out.size();
                if (Math.abs(own - accuracy) > 0.01) {
                    System.out.printf(Locale.ROOT, "  (direct Tribuo reached %.4f)%n", own);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-50s %10.2f %10.2f %7.2fx %9.4f%n", name, quiver, tribuo, quiver / tribuo,
                accuracy);
    }

    private static double accuracy(Table predicted, Table truth) {
        int correct = 0;
        for (int i = 0; i < truth.rowCount(); i++) {
            correct += predicted.stringColumn("prediction").get(i).equals(truth.stringColumn("class").get(i)) ? 1 : 0;
        }
        return (double) correct / truth.rowCount();
    }

    private static MutableDataset<Label> dataset(Table table, FitColumns columns) {
        var factory = new LabelFactory();
        var data = new MutableDataset<Label>(new SimpleDataSourceProvenance("bench", factory), factory);
        double[][] x = table.toRowMajor(columns.features());
        String[] names = columns.features().toArray(String[]::new);
        StringColumn y = table.stringColumn(columns.label());
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Label(y.get(i)), names, x[i]));
        }
        return data;
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(DATA).normalize(), dir.resolve("shared/data/large_classification.csv.gz"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static Table read(Path file) throws IOException {
        try (var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8), 1 << 16)) {
            String[] header = reader.readLine().split(",");
            int d = header.length - 1;
            var values = new ArrayList<double[]>();
            var labels = new ArrayList<String>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(",");
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = Double.parseDouble(parts[j]);
                }
                values.add(row);
                labels.add(parts[d]);
            }
            var cols = new ArrayList<Column>();
            for (int j = 0; j < d; j++) {
                double[] v = new double[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values.get(i)[j];
                }
                cols.add(DoubleColumn.wrap(new ColumnSpec(header[j], ColumnType.DOUBLE), v));
            }
            cols.add(StringColumn.of(new ColumnSpec(header[d], ColumnType.STRING, ColumnRole.LABEL), labels));
            return Table.of(cols);
        }
    }
}
