package dev.quiver.nodes.dl4j.bench;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.dl4j.NeuralNetworkNodeFactory;
import dev.quiver.nodes.dl4j.NeuralNetworkSettings;
import dev.quiver.nodes.eval.CrossValidateNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training time per epoch of the digits network (64 inputs → 64 ReLU → 10 softmax, Adam η = 0.001,
 * L2 1e-4, batches of 32, all 1,797 rows, no validation split), Quiver through the Learner versus
 * DL4J called directly, and the cold start of ND4J. A main, not a test: run it as the example's
 * README says, with OMP_NUM_THREADS set as you want to measure it.
 *
 * <p>Arguments: {@code [epochs per run (20)] [runs (5)] [--cv FILE]}; with {@code --cv} it also runs
 * the node's default 5-fold cross-validation and writes each row's fold to FILE (for the
 * scikit-learn comparison in the README).
 */
public final class DigitsBenchmark {
    private DigitsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path cvFile = args.length > 3 && args[2].equals("--cv") ? Path.of(args[3]) : null;

        // Cold start: the first ND4J operation in this JVM loads the backend and its natives.
        long t0 = System.nanoTime();
        ND4JClassLoading.setNd4jClassloaderFromClass(DigitsBenchmark.class);
        Nd4j.create(1).addi(1);
        double coldMillis = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        Nd4j.create(1).addi(1);
        double warmMillis = (System.nanoTime() - t1) / 1e6;

        Table digits = scaled(Fixtures.digits());
        FitColumns columns = new FitColumns("class",
                digits.spec().names().stream().filter(n -> !n.equals("class")).toList());
        double[][] x = digits.toRowMajor(columns.features());
        int[] y = new int[digits.rowCount()];
        StringColumn label = digits.stringColumn("class");
        for (int i = 0; i < y.length; i++) {
            y[i] = label.code(i);
        }

        var tester = NodeTester.of(new NeuralNetworkNodeFactory());
        NeuralNetworkSettings settings = Settings.with(NeuralNetworkSettings.defaults(),
                Map.of("epochs", epochs, "validationFraction", 0.0, "patience", 0));
        Learner learner = (Learner) tester.execute(settings).outputs().get(0);
        Learner withValidation = learner.withSettings(Map.of("validationFraction", 0.1));

        // Warm-up (JIT, workspaces) for both paths, then alternate the measured runs.
        direct(x, y, epochs, settings.seed());
        learner.fit(digits, columns, TestContext.create());
        double[] directMs = new double[runs];
        double[] quiverMs = new double[runs];
        double[] validatedMs = new double[runs];
        for (int r = 0; r < runs; r++) {
            directMs[r] = direct(x, y, epochs, settings.seed() + r) / epochs;
            long s = System.nanoTime();
            learner.withSettings(Map.of("seed", settings.seed() + r)).fit(digits, columns, TestContext.create());
            quiverMs[r] = (System.nanoTime() - s) / 1e6 / epochs;
            s = System.nanoTime();
            withValidation.fit(digits, columns, TestContext.create());
            validatedMs[r] = (System.nanoTime() - s) / 1e6 / epochs;
        }
        double base = median(directMs);
        System.out.printf(Locale.ROOT, "Digits MLP 64-64(relu)-10(softmax), Adam 0.001, batch 32, %d rows, %d epochs"
                + " per run, median of %d runs, OMP_NUM_THREADS=%s, %d cores%n", digits.rowCount(), epochs, runs,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), Runtime.getRuntime().availableProcessors());
        System.out.println("| measurement | ms | ratio to direct epoch |");
        System.out.println("|---|---:|---:|");
        row("DL4J direct, per epoch (shuffle, batchBy(32), fit per minibatch)", base, base);
        row("Quiver Learner.fit, per epoch (no validation)", median(quiverMs), base);
        row("Quiver Learner.fit, per epoch (10% validation + curve)", median(validatedMs), base);
        row("ND4J cold start (first operation in the JVM)", coldMillis, base);
        row("ND4J second operation", warmMillis, base);

        if (cvFile != null) {
            crossValidate(digits, cvFile);
        }
    }

    private static void row(String what, double ms, double base) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f |%n", what, ms, ms / base);
    }

    /** The same network and minibatch loop written against DL4J alone; returns milliseconds for all epochs. */
    static double direct(double[][] x, int[] y, int epochs, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(0.001)).l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        float[][] fx = new float[x.length][];
        float[][] fy = new float[x.length][10];
        for (int i = 0; i < x.length; i++) {
            fx[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                fx[i][j] = (float) x[i][j];
            }
            fy[i][y[i]] = 1f;
        }
        long start = System.nanoTime();
        var network = new MultiLayerNetwork(conf);
        network.init();
        DataSet all = new DataSet(Nd4j.createFromArray(fx), Nd4j.createFromArray(fy));
        var random = new SplittableRandom(seed);
        for (int e = 0; e < epochs; e++) {
            all.shuffle(random.nextLong());
            List<DataSet> batches = all.batchBy(32);
            for (DataSet b : batches) {
                network.fit(b);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void crossValidate(Table digits, Path out) throws IOException {
        var tester = NodeTester.of(new NeuralNetworkNodeFactory());
        Learner learner = (Learner) tester.execute(NeuralNetworkSettings.defaults()).outputs().get(0);
        var cv = NodeTester.of(new CrossValidateNodeFactory());
        long s = System.nanoTime();
        NodeResult r = cv.execute(cv.settings(Map.of("folds", 5, "seed", 42)), TestContext.create(), learner,
                digits, null);
        double seconds = (System.nanoTime() - s) / 1e9;
        Table folds = (Table) r.outputs().get(0);
        Table predictions = (Table) r.outputs().get(2);
        Column accuracy = folds.column("accuracy");
        double[] acc = new double[folds.rowCount()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = accuracy.getDouble(i);
        }
        double mean = Arrays.stream(acc).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / (acc.length - 1));
        System.out.printf(Locale.ROOT, "5-fold CV (node defaults, seed 42): accuracy %.4f ± %.4f (folds %s), %.1f s%n",
                mean, sd, Arrays.toString(acc), seconds);
        var lines = new ArrayList<String>();
        lines.add("fold");
        Column fold = predictions.column("fold");
        for (int i = 0; i < predictions.rowCount(); i++) {
            lines.add(fold.format(i));
        }
        Files.write(out, lines);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Table scaled(Table t) {
        var out = new ArrayList<Column>();
        for (Column c : t.columns()) {
            if (c instanceof DoubleColumn d) {
                double[] v = d.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] /= 16;
                }
                out.add(DoubleColumn.wrap(d.spec(), v));
            } else {
                out.add(c);
            }
        }
        return Table.of(out);
    }
}
