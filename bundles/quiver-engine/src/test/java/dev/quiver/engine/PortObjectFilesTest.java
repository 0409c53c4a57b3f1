package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.TransformChain;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.store.PortObjectFiles;
import dev.quiver.testkit.TestContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortObjectFilesTest {
    @TempDir
    Path dir;

    /** Predicts class "a" when x exceeds a threshold: enough to check what survives a round trip. */
    record ThresholdModel(ModelSpec spec, double threshold) implements Model, Persistable {
        @Override
        public Table predict(Table data, ExecutionContext context) {
            int n = data.rowCount();
            String[] pred = new String[n];
            double[] pa = new double[n];
            double[] pb = new double[n];
            for (int i = 0; i < n; i++) {
                boolean a = data.column("x").getDouble(i) > threshold;
                pred[i] = a ? "a" : "b";
                pa[i] = a ? 1 : 0;
                pb[i] = 1 - pa[i];
            }
            var cols = spec.predictionColumns();
            return Table.of(StringColumn.of(cols.get(0), List.of(pred)), DoubleColumn.wrap(cols.get(1), pa),
                    DoubleColumn.wrap(cols.get(2), pb));
        }

        @Override
        public String formatId() {
            return "test.threshold";
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            new DataOutputStream(out).writeDouble(threshold);
        }
    }

    static final class ThresholdReader implements PortObjectReader {
        @Override
        public String formatId() {
            return "test.threshold";
        }

        @Override
        public PortObject read(InputStream data, PortSpec spec) throws IOException {
            return new ThresholdModel((ModelSpec) spec, new DataInputStream(data).readDouble());
        }
    }

    /** A learner node whose learner remembers its settings record. */
    static final class ThresholdLearnerNode implements NodeFactory<ThresholdLearnerNode.Settings> {
        record Settings(@Range(min = -10, max = 10) double threshold, String note) {
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.threshold-learner", 1, "Threshold", "Test", "", List.of(),
                    List.of(PortDescriptor.required("learner", PortType.LEARNER, "")));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings(0, "");
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(spec());
        }

        private LearnerSpec spec() {
            return new LearnerSpec("Threshold", Task.CLASSIFICATION, descriptor().id(), Map.of());
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            return NodeResult.of(new Learner() {
                @Override
                public LearnerSpec spec() {
                    return ThresholdLearnerNode.this.spec();
                }

                @Override
                public ModelSpec configure(TableSpec training, FitColumns columns) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Model fit(Table training, FitColumns columns, ExecutionContext context) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Optional<Record> settingsRecord() {
                    return Optional.of(s);
                }
            });
        }
    }

    /** Adds a constant to x; saved as that constant. */
    record Shift(double by, TableSpec input) implements Transform, Persistable {
        @Override
        public TransformSpec spec() {
            return TransformSpec.of("shift " + by, input, in -> in);
        }

        @Override
        public Table apply(Table t, ExecutionContext context) {
            double[] v = t.doubleColumn("x").toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += by;
            }
            return t.withColumn(DoubleColumn.wrap(t.column("x").spec(), v));
        }

        @Override
        public TransformLearner learner() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String formatId() {
            return "test.shift";
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            new DataOutputStream(out).writeDouble(by);
        }
    }

    static final class ShiftReader implements PortObjectReader {
        @Override
        public String formatId() {
            return "test.shift";
        }

        @Override
        public PortObject read(InputStream data, PortSpec spec) throws IOException {
            return new Shift(new DataInputStream(data).readDouble(), TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                    ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("a", "b"))));
        }
    }

    private final ModelSpec spec = new ModelSpec("Threshold", Task.CLASSIFICATION,
            List.of(new ColumnSpec("x", ColumnType.DOUBLE)),
            ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("a", "b")), List.of("a", "b"), Map.of("seed", "7"));
    private final ThresholdLearnerNode learnerNode = new ThresholdLearnerNode();
    private final NodeRegistry registry = NodeRegistry.of(List.of(learnerNode),
            List.of(new ThresholdReader(), new ShiftReader()));

    @Test
    void aPipelineRoundTripsPartByPartAndScoresEmbedded() {
        TableSpec trainingSpec = TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("a", "b")));
        PipelineModel pipeline = PipelineModel.of(List.of(new Shift(1, trainingSpec), new Shift(0.25, trainingSpec)),
                new ThresholdModel(spec, 2));
        Path file = dir.resolve("p" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(pipeline, file);
        var back = (PipelineModel) PortObjectFiles.read(file, registry, TestContext.create());
        assertEquals(pipeline.spec(), back.spec());
        assertEquals(2, back.transforms().size());
        Table x = Table.of(DoubleColumn.of("x", 0.5, 0.8));
        // 0.5 + 1.25 = 1.75 is below 2; 0.8 + 1.25 = 2.05 is above.
        assertEquals(List.of("b", "a"), List.of(back.predict(x, TestContext.create()).stringColumn("prediction").get(0),
                back.predict(x, TestContext.create()).stringColumn("prediction").get(1)));

        var embedded = dev.quiver.engine.embed.Pipeline.load(file, List.of(new ThresholdReader(), new ShiftReader()));
        Table scored = embedded.predict(x);
        assertEquals(List.of("x", "prediction", "P(a)", "P(b)"), scored.spec().names());
        assertEquals("a", scored.stringColumn("prediction").get(1));
        var e = assertThrows(InvalidInputException.class, () -> embedded.predict(Table.of(DoubleColumn.of("z", 1))));
        assertTrue(e.getMessage().startsWith("The pipeline needs column(s) x that the input lacks"), e.getMessage());
    }

    @Test
    void aTransformChainRoundTripsPartByPartAndFlattensIntoAPipeline() {
        TableSpec trainingSpec = TableSpec.of(new ColumnSpec("x", ColumnType.DOUBLE),
                ColumnSpec.nominal("y", ColumnRole.LABEL, List.of("a", "b")));
        var chain = TransformChain.of(List.of(new Shift(1, trainingSpec), new Shift(0.25, trainingSpec)));
        assertTrue(PortObjectFiles.canWrite(chain));
        Path file = dir.resolve("c" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(chain, file);
        var back = (TransformChain) PortObjectFiles.read(file, registry, TestContext.create());
        assertEquals(List.of(1.0, 0.25), back.steps().stream().map(t -> ((Shift) t).by()).toList());
        assertEquals("shift 1.0 → shift 0.25", back.spec().name());
        Table x = Table.of(DoubleColumn.of("x", 0.5));
        assertEquals(1.75, back.apply(x, TestContext.create()).doubleColumn("x").get(0), 0);
        // A pipeline made from the chain holds its steps, not the chain, so it saves like any other.
        PipelineModel pipeline = PipelineModel.of(List.of(back), new ThresholdModel(spec, 2));
        assertEquals(2, pipeline.transforms().size());
    }

    @Test
    void aPersistableModelRoundTripsWithItsSpecAndPredictions() {
        Path file = dir.resolve("m" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(new ThresholdModel(spec, 1.5), file);
        var back = (ThresholdModel) PortObjectFiles.read(file, registry, TestContext.create());
        assertEquals(spec, back.spec());
        assertEquals(1.5, back.threshold());
        Table x = Table.of(DoubleColumn.of("x", 1, 2));
        assertEquals("b", back.predict(x, TestContext.create()).stringColumn("prediction").get(0));
    }

    @Test
    void aLearnerRoundTripsAsItsNodeTypeAndSettings() {
        Record settings = new ThresholdLearnerNode.Settings(2.5, "tuned");
        Learner learner = (Learner) learnerNode.execute(new Ports<>(List.of(), List.of()),
                (ThresholdLearnerNode.Settings) settings, TestContext.create()).outputs().get(0);
        Path file = dir.resolve("l" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(learner, file);
        Learner back = (Learner) PortObjectFiles.read(file, registry, TestContext.create());
        assertEquals(Optional.of(settings), back.settingsRecord());
    }

    @Test
    void unknownFormatsAndForeignFilesAreClearErrors() throws IOException {
        Path file = dir.resolve("m" + PortObjectFiles.EXTENSION);
        PortObjectFiles.write(new ThresholdModel(spec, 1), file);
        var e = assertThrows(InvalidInputException.class,
                () -> PortObjectFiles.read(file, NodeRegistry.of(List.of()), TestContext.create()));
        assertTrue(e.getMessage().contains("holds a 'test.threshold', which no installed feature can read"), e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        var e2 = assertThrows(InvalidInputException.class, () -> PortObjectFiles.read(text, registry, TestContext.create()));
        assertTrue(e2.getMessage().contains("is not a saved Quiver port object"), e2.getMessage());
    }
}
