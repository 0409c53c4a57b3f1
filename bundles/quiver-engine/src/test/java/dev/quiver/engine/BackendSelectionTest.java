package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.WorkRunner;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import dev.quiver.testkit.SampleNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which execution backend a node gets, with which options, and that the run opens and closes it. */
class BackendSelectionTest {

    /** Reports the backend it was given, so the test sees the engine's choice from inside a node. */
    static final class WhereAmI extends TestNodes.TableStep {
        final Map<String, String> seen = new ConcurrentHashMap<>();

        WhereAmI() {
            super("test.where", "Where am I");
        }

        @Override
        Table run(Table input, ExecutionContext ctx) {
            seen.put(ctx.nodeId(), ctx.backend().id());
            return input;
        }
    }

    static final class FakeFactory implements ExecutionBackendFactory {
        final List<Map<String, String>> opened = new ArrayList<>();
        int closed;

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public String description() {
            return "records its use";
        }

        @Override
        public ExecutionBackend open(Map<String, String> options) {
            opened.add(options);
            return new ExecutionBackend() {
                @Override
                public String id() {
                    return "fake";
                }

                @Override
                public List<WorkRunner.Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism,
                        ExecutionContext context, Consumer<WorkRunner.Outcome<FitResult>> onDone) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }

    private final WhereAmI where = new WhereAmI();
    private final FakeFactory fake = new FakeFactory();
    private final NodeRegistry registry = NodeRegistry.of(List.of(new SampleNodes.Source(), where))
            .withBackends(List.of(fake));

    private static String doc(String execution) {
        return "{\"format\":\"quiver-workflow\",\"formatVersion\":1,\"seed\":7," + execution
                + "\"nodes\":[{\"id\":\"src\",\"type\":\"test.source\",\"version\":1},"
                + "{\"id\":\"a\",\"type\":\"test.where\",\"version\":1},{\"id\":\"b\",\"type\":\"test.where\",\"version\":1}],"
                + "\"connections\":[{\"from\":{\"node\":\"src\",\"port\":\"table\"},\"to\":{\"node\":\"a\",\"port\":\"table\"}},"
                + "{\"from\":{\"node\":\"src\",\"port\":\"table\"},\"to\":{\"node\":\"b\",\"port\":\"table\"}}]}";
    }

    private RunResult run(String execution, ExecutionOptions options) {
        Workflow wf = Workflow.load(WorkflowJson.parse(doc(execution), "test"), registry, Path.of("."));
        return wf.execute(options, new WorkflowListener() {
            @Override
            public void stateChanged(NodeStatus s) {
            }
        });
    }

    @Test
    void withoutAnExecutionSectionEveryNodeRunsLocally() {
        assertTrue(run("", new ExecutionOptions(2)).success());
        assertEquals(Map.of("a", "local", "b", "local"), where.seen);
        assertTrue(fake.opened.isEmpty());
    }

    @Test
    void theWorkflowChoosesABackendOpenedOnceWithItsOptionsAndClosedAfterTheRun() {
        RunResult r = run("\"execution\":{\"backend\":\"fake\",\"options\":{\"master\":\"local[2]\"}},",
                new ExecutionOptions(2));
        assertTrue(r.success(), r.toString());
        assertEquals(Map.of("a", "fake", "b", "fake"), where.seen);
        assertEquals(List.of(Map.of("master", "local[2]")), fake.opened);
        assertEquals(1, fake.closed);
    }

    @Test
    void oneNodeCanStayLocalAndTheCommandLineOverridesTheRestWithItsOwnOptionsOnTop() {
        RunResult r = run("\"execution\":{\"backend\":\"local\",\"nodes\":{\"b\":\"local\"}},",
                new ExecutionOptions(2).withBackend("fake", Map.of("master", "spark://h:7077")));
        assertTrue(r.success(), r.toString());
        assertEquals(Map.of("a", "fake", "b", "local"), where.seen);
        assertEquals(List.of(Map.of("master", "spark://h:7077")), fake.opened);
    }

    @Test
    void anUninstalledBackendFailsTheNodeNamingTheFeature() {
        RunResult r = run("\"execution\":{\"backend\":\"spark\"},", new ExecutionOptions(1));
        assertFalse(r.success());
        String message = r.statuses().stream().filter(s -> s.nodeId().equals("a")).findFirst().orElseThrow().message();
        assertTrue(message.contains("Execution backend 'spark'") && message.contains("Installed: local, fake")
                && message.contains("--backend local"), message);
    }

    @Test
    void theExecutionSectionSurvivesASaveByteForByte() {
        String json = "{\n  \"format\" : \"quiver-workflow\",\n  \"formatVersion\" : 1,\n  \"metadata\" : { },\n  \"seed\" : 7,\n"
                + "  \"execution\" : {\n    \"backend\" : \"spark\",\n    \"options\" : {\n      \"master\" : \"local[2]\"\n"
                + "    },\n    \"nodes\" : {\n      \"b\" : \"local\"\n    }\n  },\n";
        WorkflowDocument d = WorkflowJson.parse(doc("\"execution\":{\"backend\":\"spark\",\"options\":{\"master\":"
                + "\"local[2]\"},\"nodes\":{\"b\":\"local\"}},"), "test");
        String written = WorkflowJson.toJson(d);
        assertTrue(written.startsWith(json), written);
        assertEquals(written, WorkflowJson.toJson(WorkflowJson.parse(written, "again")));
    }
}
