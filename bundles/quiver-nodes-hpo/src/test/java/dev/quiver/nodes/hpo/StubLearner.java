package dev.quiver.nodes.hpo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner with a known optimum: its models classify a row correctly when the row's {@code u}
 * (spread evenly over [0, 1)) lies below accuracy(c, gamma, shape, epochs), a smooth function with
 * its peak 0.97 at log10 c = 1.32, gamma = 0.37, shape SMOOTH, 100 epochs. It fails on purpose
 * where c > 300 and gamma > 0.9, and sleeps {@code sleepMillis} per fit (checking cancellation).
 */
public final class StubLearner implements Learner {
    static final String ID = "test.stub-learner";

    public enum Shape { SMOOTH, FLAT }

    public record Layer(@Range(min = 1, max = 10) int units) {
    }

    public record StubSettings(
            @Range(min = 1e-3, max = 1e3, log = true) double c,
            @Range(min = 0, max = 1) double gamma,
            Shape shape,
            boolean shrink,
            @Range(min = 1, max = 100) @Tunable(budget = true) int epochs,
            @Range(min = 0, max = 10_000) @Tunable(false) int sleepMillis,
            @Tunable(false) long seed,
            @ColumnRef(optional = true) String weightColumn,
            List<Layer> layers,
            int untunedCount) {
    }

    public static StubSettings defaults() {
        return new StubSettings(1, 0.5, Shape.SMOOTH, false, 100, 0, 42L, "", List.of(new Layer(3)), 7);
    }

    /** The accuracy the stub's models reach. */
    static double accuracy(StubSettings s) {
        double x = (Math.log10(s.c()) + 3) / 6;
        double f = 0.97 - ((x - 0.72) * (x - 0.72) + (s.gamma() - 0.37) * (s.gamma() - 0.37));
        f -= s.shape() == Shape.FLAT ? 0.05 : 0;
        f -= s.shrink() ? 0.01 : 0;
        f -= 0.2 * (1 - s.epochs() / 100.0);
        return f;
    }

    private final StubSettings settings;

    public StubLearner(StubSettings settings) {
        this.settings = Settings.validate(settings);
    }

    @Override
    public LearnerSpec spec() {
        var shown = new LinkedHashMap<String, String>();
        Settings.toMap(settings).forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return new LearnerSpec("Stub", Task.CLASSIFICATION, ID, shown);
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return new ModelSpec("Stub", Task.CLASSIFICATION,
                columns.features().stream().map(f -> training.require(f, "Feature")).toList(),
                training.require(columns.label(), "Label"), training.require(columns.label(), "Label").domain(),
                Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        if (settings.c() > 300 && settings.gamma() > 0.9) {
            throw new InvalidInputException("c = " + settings.c() + " with gamma = " + settings.gamma()
                    + " diverges. Lower c or gamma.");
        }
        long end = System.nanoTime() + settings.sleepMillis() * 1_000_000L;
        while (System.nanoTime() < end) {
            context.checkCanceled();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.quiver.api.CanceledException();
            }
        }
        ModelSpec spec = configure(training.spec(), columns);
        double f = accuracy(settings);
        return new Model() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Table predict(Table data, ExecutionContext ctx) {
                StringColumn actual = data.stringColumn(columns.label());
                DoubleColumn u = data.doubleColumn("u");
                List<String> classes = spec.classes();
                var predicted = new ArrayList<String>();
                double[][] p = new double[classes.size()][data.rowCount()];
                for (int i = 0; i < data.rowCount(); i++) {
                    int a = classes.indexOf(actual.get(i));
                    int k = u.get(i) < f ? a : (a + 1) % classes.size();
                    predicted.add(classes.get(k));
                    for (int c = 0; c < classes.size(); c++) {
                        p[c][i] = c == k ? 0.9 : 0.1 / (classes.size() - 1);
                    }
                }
                List<ColumnSpec> cols = spec.predictionColumns();
                var out = new ArrayList<Column>();
                out.add(StringColumn.of(cols.get(0), predicted));
                for (int c = 0; c < classes.size(); c++) {
                    out.add(DoubleColumn.wrap(cols.get(c + 1), p[c]));
                }
                return Table.of(out);
            }
        };
    }

    @Override
    public java.util.Optional<Record> settingsRecord() {
        return java.util.Optional.of(settings);
    }

    @Override
    public Learner withSettings(Map<String, Object> overrides) {
        return new StubLearner(Settings.with(settings, overrides));
    }

    /** Rows i = 0..n−1: u = frac(i·φ), evenly spread; class alternates a/b. */
    public static Table data(int n) {
        double[] u = new double[n];
        var label = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            u[i] = (i * 0.6180339887498949) % 1.0;
            label.add(i % 2 == 0 ? "a" : "b");
        }
        return Table.of(DoubleColumn.of("u", u),
                StringColumn.of(ColumnSpec.nominal("class", ColumnRole.LABEL, List.of("a", "b")), label));
    }

    /** The learner node, so that the search finds the settings record by node type id. */
    public static final class NodeFactoryStub implements NodeFactory<StubSettings> {
        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor(ID, 1, "Stub", "Learners", "", List.of(),
                    List.of(PortDescriptor.required("learner", PortType.LEARNER, "")));
        }

        @Override
        public Class<StubSettings> settingsType() {
            return StubSettings.class;
        }

        @Override
        public StubSettings defaultSettings() {
            return defaults();
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, StubSettings s, ConfigureContext context) {
            return List.of(new StubLearner(s).spec());
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, StubSettings s, ExecutionContext context) {
            return NodeResult.of(new StubLearner(s));
        }
    }

}
