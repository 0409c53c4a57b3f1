package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeState;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import dev.quiver.testkit.SampleNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkflowTest {
    private final SampleNodes.Source source = new SampleNodes.Source();
    private final SampleNodes.Add add = new SampleNodes.Add();
    private final TestNodes.Rendezvous rendezvous = new TestNodes.Rendezvous();
    private final TestNodes.Spin spin = new TestNodes.Spin();
    private final NodeRegistry registry = NodeRegistry.of(List.of(source, add, new TestNodes.Fail(), rendezvous, spin,
            new TestNodes.NeedsLearner()));

    /** A workflow from compact node ("id:type" or "id:type:{json settings}") and wire ("a.p>b.q") lists. */
    private Workflow workflow(List<String> nodes, List<String> wires) {
        var sb = new StringBuilder("{\"format\":\"quiver-workflow\",\"formatVersion\":1,\"seed\":7,\"nodes\":[");
        for (int i = 0; i < nodes.size(); i++) {
            String[] p = nodes.get(i).split(":", 3);
            sb.append(i > 0 ? "," : "").append("{\"id\":\"").append(p[0]).append("\",\"type\":\"").append(p[1])
                    .append("\",\"version\":1").append(p.length > 2 ? ",\"settings\":" + p[2] : "").append('}');
        }
        sb.append("],\"connections\":[");
        for (int i = 0; i < wires.size(); i++) {
            String[] ends = wires.get(i).split(">");
            String[] from = ends[0].split("\\.");
            String[] to = ends[1].split("\\.");
            sb.append(i > 0 ? "," : "").append("{\"from\":{\"node\":\"").append(from[0]).append("\",\"port\":\"")
                    .append(from[1]).append("\"},\"to\":{\"node\":\"").append(to[0]).append("\",\"port\":\"")
                    .append(to[1]).append("\"}}");
        }
        sb.append("]}");
        return Workflow.load(WorkflowJson.parse(sb.toString(), "test"), registry, Path.of("."));
    }

    private static double x(Workflow wf, String node, int row) {
        Table t = (Table) wf.result(node).orElseThrow().outputs().get(0);
        return t.doubleColumn("x").get(row);
    }

    @Test
    void executesInDependencyOrderAndPropagatesData() {
        Workflow wf = workflow(List.of("b:test.add:{\"amount\":10}", "a:test.add", "src:test.source"),
                List.of("src.table>a.table", "a.table>b.table"));
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        RunResult r = wf.execute(ExecutionOptions.defaults(), new WorkflowListener() {
            @Override
            public void stateChanged(NodeStatus s) {
                if (s.state() == NodeState.EXECUTING) {
                    started.add(s.nodeId());
                }
            }
        });
        assertTrue(r.success(), r.toString());
        assertEquals(List.of("src", "a", "b"), started);
        assertEquals(3 + 1 + 10, x(wf, "b", 3));
    }

    @Test
    void independentBranchesRunInParallel() {
        // Each rendezvous node blocks until the other one arrives: this only finishes if both run at once.
        Workflow wf = workflow(List.of("src:test.source", "r1:test.rendezvous", "r2:test.rendezvous"),
                List.of("src.table>r1.table", "src.table>r2.table"));
        RunResult r = wf.execute(new ExecutionOptions(2), WorkflowListener.NONE);
        assertTrue(r.success(), r.toString());
    }

    @Test
    void cachedOutputsAreReusedAndASettingsChangeResetsOnlyDescendants() {
        Workflow wf = workflow(List.of("src:test.source", "a:test.add", "b:test.add", "other:test.add"),
                List.of("src.table>a.table", "a.table>b.table", "src.table>other.table"));
        assertTrue(wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE).success());
        assertEquals(1, source.executions.get());
        assertEquals(3, add.executions.get());

        assertTrue(wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE).success());
        assertEquals(1, source.executions.get(), "nothing changed, nothing re-runs");
        assertEquals(3, add.executions.get());

        ObjectNode changed = WorkflowJson.mapper().createObjectNode().put("amount", 100);
        wf.updateSettings("a", changed);
        assertEquals(NodeState.EXECUTED, wf.status("src").state());
        assertEquals(NodeState.EXECUTED, wf.status("other").state());
        assertEquals(NodeState.CONFIGURED, wf.status("a").state());
        assertEquals(NodeState.CONFIGURED, wf.status("b").state());

        assertTrue(wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE).success());
        assertEquals(1, source.executions.get());
        assertEquals(5, add.executions.get(), "only a and b re-ran");
        assertEquals(2 + 100 + 1, x(wf, "b", 2));
    }

    @Test
    void runningOneNodeRunsOnlyItsUpstream() {
        Workflow wf = workflow(List.of("src:test.source", "a:test.add", "other:test.add"),
                List.of("src.table>a.table", "src.table>other.table"));
        assertTrue(wf.execute(List.of("a"), ExecutionOptions.defaults(), WorkflowListener.NONE).success());
        assertEquals(NodeState.EXECUTED, wf.status("a").state());
        assertEquals(NodeState.CONFIGURED, wf.status("other").state());
    }

    @Test
    void aFailingNodeFailsAloneAndOtherBranchesFinish() {
        Workflow wf = workflow(List.of("src:test.source", "bad:test.fail", "after:test.add", "good:test.add"),
                List.of("src.table>bad.table", "bad.table>after.table", "src.table>good.table"));
        RunResult r = wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE);
        assertFalse(r.success());
        assertEquals(NodeState.FAILED, wf.status("bad").state());
        assertEquals("Broken on purpose. Replace this node.", wf.status("bad").message());
        assertEquals(NodeState.EXECUTED, wf.status("good").state());
        assertTrue(wf.status("after").message().contains("upstream node 'bad'"), wf.status("after").message());
        assertEquals(List.of("bad"), r.failures().stream().map(NodeStatus::nodeId).toList());
    }

    @Test
    void cancellationStopsPromptlyAndLeavesTheWorkflowUsable() throws Exception {
        Workflow wf = workflow(List.of("src:test.source", "spin:test.spin", "a:test.add"),
                List.of("src.table>spin.table", "src.table>a.table"));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                () -> wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE));
        assertTrue(spin.started.await(20, TimeUnit.SECONDS));
        wf.cancel();
        RunResult r = run.get(20, TimeUnit.SECONDS);
        assertTrue(r.canceled());
        assertFalse(r.success());
        assertEquals(NodeState.CONFIGURED, wf.status("spin").state());
        assertEquals("Cancelled.", wf.status("spin").message());
        // Still usable: the other branch runs on request.
        assertTrue(wf.execute(List.of("a"), ExecutionOptions.defaults(), WorkflowListener.NONE).success());
    }

    @Test
    void unknownNodeTypeIsReportedByNameAndTheRestStillRuns() {
        Workflow wf = workflow(List.of("src:test.source", "mystery:quiver.tribuo.magic", "a:test.add"),
                List.of("src.table>mystery.table", "src.table>a.table"));
        var problems = wf.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("mystery", problems.get(0).nodeId());
        assertTrue(problems.get(0).message().contains("'quiver.tribuo.magic' is not installed"));
        assertTrue(problems.get(0).message().contains("'tribuo'"));
        RunResult r = wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE);
        assertEquals(NodeState.EXECUTED, wf.status("a").state());
        assertFalse(r.success());
    }

    @Test
    void incompatibleWireIsRefusedWithAClearMessage() {
        Workflow wf = workflow(List.of("src:test.source", "learn:test.needs-learner"), List.of("src.table>learn.learner"));
        var problems = wf.problems();
        assertEquals(1, problems.size());
        assertEquals("Connection src.table → learn.learner refused: output 'table' of 'src' is a Table, but input "
                + "'learner' of 'learn' expects a Learner. Connect a Learner output instead.", problems.get(0).message());
        wf.configure();
        assertEquals("Input 'learner' is not connected. Connect a Learner output to it.", wf.status("learn").message());
    }

    @Test
    void missingColumnIsAConfigureErrorThatNamesTheAvailableColumns() {
        Workflow wf = workflow(List.of("src:test.source", "a:test.add:{\"column\":\"y\"}"), List.of("src.table>a.table"));
        wf.configure();
        NodeStatus s = wf.status("a");
        assertEquals(NodeState.IDLE, s.state());
        assertTrue(s.error());
        assertEquals("Column 'y' not found (available: x). Choose a column that exists in the input table.", s.message());
    }

    @Test
    void invalidSettingsAreReportedPerNode() {
        Workflow wf = workflow(List.of("src:test.source:{\"rows\":0}", "a:test.add:{\"amount\":\"lots\"}",
                "b:test.add:{\"colour\":\"red\"}"), List.of());
        var messages = wf.problems().stream().map(p -> p.nodeId() + ": " + p.message()).toList();
        assertTrue(messages.contains("src: Invalid settings: Setting 'Rows' is 0, but must be between 1 and 1000. Change 'Rows'."),
                messages.toString());
        assertTrue(messages.contains("a: Invalid settings: Setting 'amount' cannot be lots: expected a number."),
                messages.toString());
        assertTrue(messages.contains("b: Invalid settings: Unknown setting 'colour' (known settings: column, amount). "
                + "Remove or rename it."), messages.toString());
    }

    @Test
    void cyclesAreReported() {
        Workflow wf = workflow(List.of("a:test.add", "b:test.add"), List.of("a.table>b.table", "b.table>a.table"));
        assertTrue(wf.problems().stream().anyMatch(p -> p.message().startsWith("Connections form a cycle")),
                wf.problems().toString());
    }

    @Test
    void documentRoundTripsByteForByte() {
        String json = """
                {
                  "format" : "quiver-workflow",
                  "formatVersion" : 1,
                  "metadata" : {
                    "title" : "T"
                  },
                  "seed" : 42,
                  "nodes" : [
                    {
                      "id" : "src",
                      "type" : "test.source",
                      "version" : 1,
                      "position" : {
                        "x" : 10.0,
                        "y" : 20.0
                      },
                      "settings" : {
                        "rows" : 3
                      }
                    }
                  ],
                  "connections" : [ ],
                  "annotations" : [ ]
                }
                """;
        WorkflowDocument doc = WorkflowJson.parse(json, "test");
        assertEquals(json, WorkflowJson.toJson(doc));
    }

    @Test
    void newerFormatVersionIsRefused() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.quiver.api.InvalidInputException.class,
                () -> WorkflowJson.parse("{\"format\":\"quiver-workflow\",\"formatVersion\":9}", "w.quiver.json"));
        assertEquals("w.quiver.json has format version 9, but this Quiver reads at most version 1. Update Quiver.",
                e.getMessage());
    }
}
