package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.component.ComponentExtractor;
import dev.quiver.engine.component.ComponentExtractor.Extraction;
import dev.quiver.engine.component.ComponentRegistry;
import dev.quiver.engine.component.Components;
import dev.quiver.engine.doc.ComponentDoc.ExposedSetting;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.NodeCatalog;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeState;
import dev.quiver.engine.run.PathPolicy;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import dev.quiver.testkit.SampleNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentTest {
    private final TestNodes.Spin spin = new TestNodes.Spin();
    private final NodeRegistry registry = NodeRegistry.of(List.of(new SampleNodes.Source(), new SampleNodes.Add(),
            new Noise(), spin));

    @TempDir
    Path dir;

    /** Adds the node's own random draw to column x: the same value only with the same seed and node id. */
    static final class Noise extends TestNodes.TableStep {
        Noise() {
            super("test.noise", "Noise");
        }

        @Override
        Table run(Table input, ExecutionContext ctx) {
            double r = ctx.random().nextDouble();
            double[] v = input.doubleColumn("x").toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += r;
            }
            return input.withColumn(DoubleColumn.wrap(input.doubleColumn("x").spec(), v));
        }
    }

    /** src → a (+1) → noise → b (+10) → c (+100): the middle three become a component in most tests. */
    private static final String CHAIN = """
            {"format":"quiver-workflow","formatVersion":1,"seed":11,
             "parameters":[{"name":"boost","label":"Boost","default":10,"targets":["b.amount"]}],
             "nodes":[
              {"id":"src","type":"test.source","version":1,"position":{"x":0,"y":0}},
              {"id":"a","type":"test.add","version":1,"position":{"x":200,"y":0},"settings":{"amount":1}},
              {"id":"noise","type":"test.noise","version":1,"position":{"x":400,"y":0}},
              {"id":"b","type":"test.add","version":1,"position":{"x":600,"y":0},"settings":{"amount":10}},
              {"id":"c","type":"test.add","version":1,"position":{"x":800,"y":0},"settings":{"amount":100}}],
             "connections":[
              {"from":{"node":"src","port":"table"},"to":{"node":"a","port":"table"}},
              {"from":{"node":"a","port":"table"},"to":{"node":"noise","port":"table"}},
              {"from":{"node":"noise","port":"table"},"to":{"node":"b","port":"table"}},
              {"from":{"node":"b","port":"table"},"to":{"node":"c","port":"table"}}]}
            """;

    private static double[] x(Workflow wf, String node) {
        Table t = (Table) wf.result(node).orElseThrow().outputs().get(0);
        return t.doubleColumn("x").toArray();
    }

    private Workflow run(Path file) {
        Workflow wf = Workflow.load(WorkflowJson.read(file), registry, file.getParent());
        RunResult r = wf.execute(new ExecutionOptions(2), WorkflowListener.NONE);
        assertTrue(r.success(), () -> r.failures().toString() + wf.problems());
        return wf;
    }

    /** Makes a component "boosted" of a, noise and b (exposing b.amount as "boost") and saves both files. */
    private Extraction extractAndSave(WorkflowDocument doc) {
        Extraction e = ComponentExtractor.extract(doc, ComponentRegistry.forWorkflow(registry,
                PathPolicy.relativeTo(dir), doc.seed(), null), List.of("a", "noise", "b"), "boosted", "Boosted",
                List.of(new ExposedSetting("boost", "Boost added last", null, "b", "amount")));
        WorkflowJson.write(e.component(), Components.file(dir.resolve(Components.FOLDER), "boosted"));
        WorkflowJson.write(e.workflow(), dir.resolve("wf.quiver.json"));
        return e;
    }

    @Test
    void componentFromSelectionRoundTripsAndGivesTheInlineResults() throws Exception {
        WorkflowDocument doc = WorkflowJson.parse(CHAIN, "chain");
        WorkflowJson.write(doc, dir.resolve("inline.quiver.json"));
        double[] inline = x(run(dir.resolve("inline.quiver.json")), "c");

        Extraction e = extractAndSave(doc);
        assertEquals(List.of("src", "boosted", "c"), e.workflow().nodes().stream().map(n -> n.id()).toList());
        assertEquals("component:boosted", e.workflow().node("boosted").orElseThrow().type());
        // The parameter that set b.amount now sets the component's exposed setting.
        assertEquals(List.of("boosted.boost"), e.workflow().parameters().get(0).targets());

        // Saved and reopened, both files are byte for byte what was written.
        String wfText = Files.readString(dir.resolve("wf.quiver.json"));
        assertEquals(wfText, WorkflowJson.toJson(WorkflowJson.read(dir.resolve("wf.quiver.json"))));
        Path componentFile = Components.file(dir.resolve("components"), "boosted");
        assertEquals(Files.readString(componentFile), WorkflowJson.toJson(WorkflowJson.read(componentFile)));

        Workflow wf = run(dir.resolve("wf.quiver.json"));
        double[] viaComponent = x(wf, "c");
        assertEquals(5, viaComponent.length);
        for (int i = 0; i < inline.length; i++) {
            // Exactly equal, noise included: same seed, same inner node ids.
            assertEquals(inline[i], viaComponent[i], 0.0, "row " + i);
        }
        assertNotEquals(Math.rint(viaComponent[0]), viaComponent[0], "the noise node drew a fraction");
        assertEquals(wfText, WorkflowJson.toJson(wf.document()), "running changes nothing in the document");
    }

    @Test
    void exposedSettingChangesTheInnerNode() {
        extractAndSave(WorkflowJson.parse(CHAIN, "chain"));
        double[] before = x(run(dir.resolve("wf.quiver.json")), "c");
        WorkflowDocument doc = WorkflowJson.read(dir.resolve("wf.quiver.json"));
        ObjectNode s = doc.node("boosted").orElseThrow().settings().deepCopy();
        assertEquals(10, s.get("boost").asDouble());
        s.put("boost", 1000);
        WorkflowJson.write(doc.withNodeSettings("boosted", s), dir.resolve("wf.quiver.json"));
        double[] after = x(run(dir.resolve("wf.quiver.json")), "c");
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] + 990, after[i], 1e-9);
        }
    }

    @Test
    void formIsMadeOfTheExposedSettingsWithTheAuthorsLabels() {
        extractAndSave(WorkflowJson.parse(CHAIN, "chain"));
        NodeFactory<?> f = ComponentRegistry.forWorkflow(registry, PathPolicy.relativeTo(dir), 1, null)
                .find("component:boosted").orElseThrow();
        assertEquals("Boosted", f.descriptor().name());
        assertEquals(Components.CATEGORY, f.descriptor().category());
        assertEquals(List.of("table"), f.descriptor().inputs().stream().map(p -> p.name()).toList());
        ObjectNode schema = NodeCatalog.describe(f);
        var boost = schema.path("settingsSchema").path("properties").path("boost");
        assertEquals("Boost added last", boost.path("title").asText());
        assertEquals("number", boost.path("type").asText());
        assertEquals(10.0, boost.path("default").asDouble());
        assertEquals(1, schema.path("settingsSchema").path("properties").size());
    }

    @Test
    void unknownComponentSettingIsAnErrorListingTheExposedOnes() throws Exception {
        extractAndSave(WorkflowJson.parse(CHAIN, "chain"));
        WorkflowDocument doc = WorkflowJson.read(dir.resolve("wf.quiver.json"));
        ObjectNode s = WorkflowJson.mapper().createObjectNode().put("bost", 3);
        Workflow wf = Workflow.load(doc.withNodeSettings("boosted", s), registry, dir);
        var msg = wf.problems().stream().filter(p -> "boosted".equals(p.nodeId())).findFirst().orElseThrow().message();
        assertTrue(msg.contains("'bost'") && msg.contains("exposes: boost"), msg);
        // A value the inner node refuses is reported with the exposed name.
        s = WorkflowJson.mapper().createObjectNode().put("boost", "lots");
        wf = Workflow.load(doc.withNodeSettings("boosted", s), registry, dir);
        msg = wf.problems().stream().filter(p -> "boosted".equals(p.nodeId())).findFirst().orElseThrow().message();
        assertTrue(msg.contains("boost") && msg.contains("'b'"), msg);
    }

    @Test
    void componentsNest() throws Exception {
        extractAndSave(WorkflowJson.parse(CHAIN, "chain"));
        double[] once = x(run(dir.resolve("wf.quiver.json")), "c");
        // "twice" wraps the boosted component node and c; the workflow then holds src → twice → look.
        WorkflowDocument saved = WorkflowJson.read(dir.resolve("wf.quiver.json"));
        var nodes = new java.util.ArrayList<>(saved.nodes());
        nodes.add(new WorkflowDocument.NodeDoc("look", "test.add", 1, null,
                WorkflowJson.mapper().createObjectNode().put("amount", 0), null));
        var wires = new java.util.ArrayList<>(saved.connections());
        wires.add(new WorkflowDocument.ConnectionDoc(new WorkflowDocument.PortRef("c", "table"),
                new WorkflowDocument.PortRef("look", "table")));
        WorkflowDocument wf = saved.withNodes(nodes, wires);
        Extraction outer = ComponentExtractor.extract(wf, ComponentRegistry.forWorkflow(registry,
                PathPolicy.relativeTo(dir), wf.seed(), null), List.of("boosted", "c"), "twice", null,
                List.of(new ExposedSetting("boost", null, null, "boosted", "boost")));
        WorkflowJson.write(outer.component(), Components.file(dir.resolve("components"), "twice"));
        WorkflowJson.write(outer.workflow(), dir.resolve("nested.quiver.json"));
        assertTrue(Files.readString(Components.file(dir.resolve("components"), "twice")).contains("component:boosted"));
        Workflow nested = run(dir.resolve("nested.quiver.json"));
        assertEquals(List.of("src", "twice", "look"), nested.nodeIds());
        double[] twice = x(nested, "look");
        for (int i = 0; i < once.length; i++) {
            assertEquals(once[i], twice[i], 0.0, "row " + i);
        }
    }

    @Test
    void componentContainingItselfIsAClearError() throws Exception {
        String loop = """
                {"format":"quiver-component","formatVersion":1,"seed":1,
                 "nodes":[{"id":"in","type":"quiver.component.input-table","version":1,"settings":{"port":"data"}},
                  {"id":"self","type":"component:loop","version":1},
                  {"id":"out","type":"quiver.component.output-table","version":1,"settings":{"port":"data"}}],
                 "connections":[{"from":{"node":"in","port":"table"},"to":{"node":"self","port":"data"}},
                  {"from":{"node":"self","port":"data"},"to":{"node":"out","port":"table"}}]}
                """;
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(Components.file(dir.resolve("components"), "loop"), loop);
        String wf = """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[{"id":"src","type":"test.source","version":1},{"id":"l","type":"component:loop","version":1}],
                 "connections":[{"from":{"node":"src","port":"table"},"to":{"node":"l","port":"data"}}]}
                """;
        Workflow w = Workflow.load(WorkflowJson.parse(wf, "wf"), registry, dir);
        var status = w.configure().stream().filter(s -> s.nodeId().equals("l")).findFirst().orElseThrow();
        assertTrue(status.error());
        assertTrue(status.message().contains("contains itself (loop → loop)"), status.message());
    }

    @Test
    void missingComponentFileIsAPerNodeErrorAndSavingLosesNothing() {
        String text = """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[{"id":"src","type":"test.source","version":1},
                  {"id":"prep","type":"component:gone","version":1,"settings":{"strategy":"MEAN","k":3}},
                  {"id":"after","type":"test.add","version":1}],
                 "connections":[{"from":{"node":"src","port":"table"},"to":{"node":"prep","port":"data"}},
                  {"from":{"node":"prep","port":"data"},"to":{"node":"after","port":"table"}}]}
                """;
        WorkflowDocument doc = WorkflowJson.parse(text, "wf");
        Workflow wf = Workflow.load(doc, registry, dir);
        var problem = wf.problems().stream().filter(p -> "prep".equals(p.nodeId())).findFirst().orElseThrow();
        assertTrue(problem.message().contains("gone.quiver-component.json is missing"), problem.message());
        assertTrue(problem.message().contains(dir.resolve("components").toAbsolutePath().toString()), problem.message());
        RunResult r = wf.execute(new ExecutionOptions(1), WorkflowListener.NONE);
        assertFalse(r.success());
        assertEquals(NodeState.EXECUTED, wf.status("src").state(), "the rest of the workflow still runs");
        assertEquals(WorkflowJson.toJson(doc), WorkflowJson.toJson(wf.document()));
    }

    @Test
    void selectionThatLeavesAndReentersIsRefused() {
        WorkflowDocument doc = WorkflowJson.parse(CHAIN, "chain");
        var e = assertThrows(InvalidInputException.class, () -> ComponentExtractor.extract(doc,
                ComponentRegistry.forWorkflow(registry, PathPolicy.relativeTo(dir), 1, null), List.of("a", "b"), "x",
                null, List.of()));
        assertTrue(e.getMessage().contains("'noise'"), e.getMessage());
        var notExposed = assertThrows(InvalidInputException.class, () -> ComponentExtractor.extract(doc,
                ComponentRegistry.forWorkflow(registry, PathPolicy.relativeTo(dir), 1, null),
                List.of("a", "noise", "b"), "x", null, List.of()));
        assertTrue(notExposed.getMessage().contains("parameter 'boost'"), notExposed.getMessage());
    }

    @Test
    void progressOfInnerNodesIsTheComponentsAndCancelReachesInside() throws Exception {
        String spinComponent = """
                {"format":"quiver-component","formatVersion":1,"seed":1,
                 "nodes":[{"id":"in","type":"quiver.component.input-table","version":1,"settings":{"port":"data"}},
                  {"id":"spin","type":"test.spin","version":1},
                  {"id":"out","type":"quiver.component.output-table","version":1,"settings":{"port":"data"}}],
                 "connections":[{"from":{"node":"in","port":"table"},"to":{"node":"spin","port":"table"}},
                  {"from":{"node":"spin","port":"table"},"to":{"node":"out","port":"table"}}]}
                """;
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(Components.file(dir.resolve("components"), "slow"), spinComponent);
        String text = """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[{"id":"src","type":"test.source","version":1},{"id":"slow","type":"component:slow","version":1}],
                 "connections":[{"from":{"node":"src","port":"table"},"to":{"node":"slow","port":"data"}}]}
                """;
        Workflow wf = Workflow.load(WorkflowJson.parse(text, "wf"), registry, dir);
        List<Double> fractions = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        var run = CompletableFuture.supplyAsync(() -> wf.execute(new ExecutionOptions(2), new WorkflowListener() {
            @Override
            public void progress(String nodeId, double fraction, String message) {
                if (nodeId.equals("slow")) {
                    fractions.add(fraction);
                    messages.add(message);
                }
            }
        }));
        assertTrue(spin.started.await(20, TimeUnit.SECONDS));
        Thread.sleep(300);
        long t0 = System.nanoTime();
        wf.cancel();
        RunResult r = run.get(20, TimeUnit.SECONDS);
        assertTrue(r.canceled());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "cancelled promptly");
        assertFalse(fractions.isEmpty());
        assertTrue(fractions.stream().allMatch(f -> f >= 0 && f <= 1), fractions.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Spin: step")), messages.toString());
        assertEquals(NodeState.CONFIGURED, wf.status("slow").state());
    }
}
