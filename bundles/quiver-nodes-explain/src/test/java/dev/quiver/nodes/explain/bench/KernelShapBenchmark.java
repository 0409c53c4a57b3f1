package dev.quiver.nodes.explain.bench;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.explain.ShapNodeFactory;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kernel SHAP on breast cancer: {@code ROWS} rows × 30 features explained against a
 * {@code BACKGROUND}-row background (defaults 100 and 100, the setting), with the default
 * 2M + 2048 = 2108 coalitions per row, for a 100-tree random forest and a logistic regression
 * (Tribuo, through the Model port as any workflow would). Prints the time per row and the model
 * rows evaluated per second. Not a test: run it with
 * {@code mvn -B -o -pl bundles/quiver-nodes-explain -Pbench test-compile exec:java -Dexec.args="100 100"}.
 * The forest costs about 2108 × 100 × 100 tree descents per row, so 100 rows take tens of minutes
 * on a shared 2-core machine; pass fewer rows (e.g. {@code "10 100"}) for a quick figure.
 */
public final class KernelShapBenchmark {
    private KernelShapBenchmark() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int background = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Table data = Fixtures.breastCancer();
        List<String> features = data.spec().names().stream().filter(n -> !n.equals("class")).toList();
        var columns = new FitColumns("class", features);
        Table train = data.slice(0, 400);
        Table explained = data.slice(400, Math.min(data.rowCount(), 400 + rows));
        Table bg = train.slice(0, Math.min(background, train.rowCount()));

        Model forest = fit(new RandomForestNodeFactory(), Map.of("trees", 100, "seed", 42), train, columns);
        Model logistic = fit(new LogisticRegressionNodeFactory(), Map.of("l2", 0.01), train, columns);

        System.out.printf(Locale.ROOT, "Kernel SHAP, breast cancer: %d rows x %d features, background %d rows,"
                + " %d coalitions per row; %d cores, Java %s%n%n", explained.rowCount(), features.size(), bg.rowCount(),
                2 * features.size() + 2048, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-22s %6s %10s %10s %16s%n", "model", "rows", "total s", "s / row",
                "model rows / s");
        for (var entry : List.of(Map.entry("logistic regression", logistic), Map.entry("random forest (100)", forest))) {
            // One warm-up row so that JIT compilation is not charged to the first model.
            shap(entry.getValue(), bg, explained.slice(0, 1));
            long t0 = System.nanoTime();
            shap(entry.getValue(), bg, explained);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double evaluated = (double) explained.rowCount() * (2 * features.size() + 2048 + 2) * bg.rowCount();
            System.out.printf(Locale.ROOT, "%-22s %6d %10.1f %10.3f %16.0f%n", entry.getKey(), explained.rowCount(),
                    seconds, seconds / explained.rowCount(), evaluated / seconds);
        }
    }

    private static Model fit(NodeFactory<? extends Record> factory, Map<String, ?> settings, Table train,
            FitColumns columns) {
        Learner learner = (Learner) run(factory, settings, new PortObject[0]).get(0);
        return learner.fit(train, columns, TestContext.create());
    }

    private static void shap(Model model, Table background, Table rows) {
        run(new ShapNodeFactory(), Map.of("method", "KERNEL", "maxRows", rows.rowCount(), "maxBackgroundRows",
                background.rowCount()), model, background, rows);
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, Map<String, ?> overrides,
            PortObject... inputs) {
        S settings = Settings.with(factory.defaultSettings(), overrides);
        return factory.execute(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)), settings,
                TestContext.create()).outputs();
    }
}
