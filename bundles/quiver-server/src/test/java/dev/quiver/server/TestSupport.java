package dev.quiver.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.LocalBackend;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.node.WorkRunner;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.nodes.eval.PredictNodeFactory;
import dev.quiver.nodes.eval.ScorerNodeFactory;
import dev.quiver.nodes.eval.TrainNodeFactory;
import dev.quiver.nodes.io.CsvReaderNodeFactory;
import dev.quiver.nodes.prep.ApplyTransformNodeFactory;
import dev.quiver.nodes.prep.NormalizerNodeFactory;
import dev.quiver.nodes.prep.PartitionNodeFactory;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.server.internal.QuiverServer;
import dev.quiver.testkit.SampleNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The server under test: real iris nodes plus the test kit's sample nodes and a slow node to cancel. */
final class TestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestSupport() {
    }

    /** Counts to {@code steps}, sleeping between steps and checking for cancellation: something to cancel. */
    static final class Slow implements NodeFactory<Slow.Settings> {
        public record Settings(@Range(min = 1, max = 10_000) int steps) {
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.slow", 1, "Slow", "Test", "Takes its time.", List.of(SampleNodes.TABLE_IN),
                    List.of(SampleNodes.TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings(200);
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(inputs.get(0, PortSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            for (int i = 0; i < s.steps(); i++) {
                ctx.checkCanceled();
                ctx.progress((double) i / s.steps(), "Step " + (i + 1) + " of " + s.steps());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ctx.checkCanceled();
                }
            }
            return NodeResult.of(inputs.get(0, PortObject.class));
        }
    }

    /**
     * A second execution backend besides local, so the editor has a choice to offer. Its fits run on
     * the local pool (the results are real); what it adds is that a node can see it was chosen, and
     * with which options.
     */
    static final class TestCluster implements ExecutionBackendFactory {
        static final String ID = "test-cluster";

        /** The backend of one run, holding the options the workflow gave it. */
        record Backend(Map<String, String> options) implements ExecutionBackend {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public List<WorkRunner.Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism,
                    ExecutionContext context, Consumer<WorkRunner.Outcome<FitResult>> onDone) {
                return LocalBackend.INSTANCE.fitAll(job, units, parallelism, context, onDone);
            }

            @Override
            public void close() {
                // Nothing held: the fits ran on the local pool.
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "A test backend that runs fits on the local pool.";
        }

        @Override
        public ExecutionBackend open(Map<String, String> options) {
            return new Backend(Map.copyOf(options));
        }
    }

    /**
     * Emits one row saying which backend the engine handed this node ({@code backend}) and, for the
     * test cluster, its {@code master} option: the run's choice, seen from inside a node.
     */
    static final class Where implements NodeFactory<Where.Settings> {
        public record Settings(String note) {
        }

        private static final TableSpec SPEC = TableSpec.of(new ColumnSpec("backend", ColumnType.STRING),
                new ColumnSpec("master", ColumnType.STRING));

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.where", 1, "Where", "Test", "Says which execution backend it got.",
                    List.of(), List.of(SampleNodes.TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings("");
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(SPEC);
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            ExecutionBackend backend = ctx.backend();
            String master = backend instanceof TestCluster.Backend b ? b.options().getOrDefault("master", "") : "";
            return NodeResult.of(Table.of(StringColumn.of("backend", backend.id()), StringColumn.of("master", master)));
        }
    }

    static NodeRegistry registry() {
        return NodeRegistry.of(List.of(new CsvReaderNodeFactory(), new PartitionNodeFactory(), new NormalizerNodeFactory(),
                new ApplyTransformNodeFactory(), new LogisticRegressionNodeFactory(), new TrainNodeFactory(),
                new PredictNodeFactory(), new ScorerNodeFactory(), new SampleNodes.Source(), new SampleNodes.Add(),
                new Slow(), new Where())).withBackends(List.of(new TestCluster()));
    }

    static QuiverServer start(Path workspace, Path examples, String host) {
        return QuiverServer.start(registry(), new QuiverServer.Config(host, 0, workspace, examples, new ExecutionOptions(2)));
    }

    private static volatile boolean warm;

    /**
     * Runs the iris workflow once in this JVM, so every node class is loaded before the slow part
     * of a test starts: other builds on this machine may reinstall the node jars under a running
     * test, and a class loaded late from a half-written jar fails.
     */
    static void warmUp(Path dir) {
        if (warm) {
            return;
        }
        copyIris(dir);
        var doc = dev.quiver.engine.doc.WorkflowJson.parse(irisDocument("iris.csv").toString(), "warm-up");
        var wf = dev.quiver.engine.run.Workflow.load(doc, registry(), dir);
        var result = wf.execute(new ExecutionOptions(2), dev.quiver.engine.run.WorkflowListener.NONE);
        if (!result.success()) {
            throw new IllegalStateException("The iris warm-up run failed: " + result.failures());
        }
        warm = true;
    }

    static void copyIris(Path dir) {
        try (InputStream in = dev.quiver.testkit.Fixtures.class.getResourceAsStream("data/iris.csv")) {
            Files.createDirectories(dir);
            Files.copy(in, dir.resolve("iris.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The iris workflow: CSV Reader → Partition → Normalizer (fit on train) → Apply Transform (test);
     * Logistic Regression → Train → Predict → Scorer.
     */
    static ObjectNode irisDocument(String csvPath) {
        var f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("format", "quiver-workflow");
        doc.put("formatVersion", 1);
        doc.putObject("metadata").put("title", "Iris");
        doc.put("seed", 42);
        var nodes = doc.putArray("nodes");
        addNode(nodes, "reader", CsvReaderNodeFactory.ID, 0, 0).putObject("settings").put("path", csvPath);
        addNode(nodes, "partition", PartitionNodeFactory.ID, 220, 0);
        addNode(nodes, "normalizer", NormalizerNodeFactory.ID, 440, 0);
        addNode(nodes, "apply", ApplyTransformNodeFactory.ID, 660, 100);
        addNode(nodes, "lr", LogisticRegressionNodeFactory.ID, 440, 200).putObject("settings").put("epochs", 50);
        addNode(nodes, "train", TrainNodeFactory.ID, 660, 200);
        addNode(nodes, "predict", PredictNodeFactory.ID, 880, 150);
        addNode(nodes, "scorer", ScorerNodeFactory.ID, 1100, 150);
        var c = doc.putArray("connections");
        wire(c, "reader", "table", "partition", "table");
        wire(c, "partition", "train", "normalizer", "table");
        wire(c, "partition", "test", "apply", "table");
        wire(c, "normalizer", "transform", "apply", "transform");
        wire(c, "lr", "learner", "train", "learner");
        wire(c, "normalizer", "table", "train", "table");
        wire(c, "train", "model", "predict", "model");
        wire(c, "apply", "table", "predict", "table");
        wire(c, "predict", "table", "scorer", "table");
        doc.putArray("annotations");
        return doc;
    }

    static ObjectNode addNode(com.fasterxml.jackson.databind.node.ArrayNode nodes, String id, String type, int x, int y) {
        ObjectNode n = nodes.addObject();
        n.put("id", id);
        n.put("type", type);
        n.put("version", 1);
        n.putObject("position").put("x", x).put("y", y);
        return n;
    }

    static void wire(com.fasterxml.jackson.databind.node.ArrayNode c, String from, String out, String to, String in) {
        ObjectNode w = c.addObject();
        w.putObject("from").put("node", from).put("port", out);
        w.putObject("to").put("node", to).put("port", in);
    }

    /** A small HTTP client that behaves like the page: same-origin, with the custom header. */
    static final class Client {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String base;
        String token;
        boolean csrfHeader = true;

        Client(QuiverServer server) {
            this.base = "http://127.0.0.1:" + server.port();
        }

        HttpResponse<String> send(String method, String path, JsonNode body, String... headers) {
            var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (csrfHeader && !method.equals("GET")) {
                b.header("X-Requested-With", "quiver");
            }
            if (token != null) {
                b.header("X-Quiver-Token", token);
            }
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        JsonNode json(String method, String path, JsonNode body, int expectedStatus) {
            HttpResponse<String> r = send(method, path, body);
            if (r.statusCode() != expectedStatus) {
                throw new AssertionError(method + " " + path + " gave " + r.statusCode() + " (expected "
                        + expectedStatus + "): " + r.body());
            }
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode get(String path) {
            return json("GET", path, null, 200);
        }
    }
}
