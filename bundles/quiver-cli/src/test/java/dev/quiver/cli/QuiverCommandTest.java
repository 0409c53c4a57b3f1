package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.testkit.SampleNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuiverCommandTest {
    private final NodeRegistry registry = NodeRegistry.of(List.of(new SampleNodes.Source(), new SampleNodes.Add()));
    @TempDir
    Path dir;
    private String out;
    private String err;

    private int quiver(String... args) {
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        int code = QuiverCommand.run(registry, args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path workflow(String connectionsJson, String addSettings) throws Exception {
        Path f = dir.resolve("w.quiver.json");
        Files.writeString(f, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "nodes":[{"id":"src","type":"test.source","version":1,"settings":{"rows":3}},
                          {"id":"plus","type":"test.add","version":1,"settings":%s}],
                 "connections":%s}
                """.formatted(addSettings, connectionsJson));
        return f;
    }

    private static final String WIRE = "[{\"from\":{\"node\":\"src\",\"port\":\"table\"},\"to\":{\"node\":\"plus\",\"port\":\"table\"}}]";

    @Test
    void nodesJsonListsPortsAndSettingsSchemas() throws Exception {
        assertEquals(0, quiver("nodes", "--json"));
        JsonNode nodes = WorkflowJson.mapper().readTree(out);
        assertEquals(2, nodes.size());
        JsonNode source = nodes.get(1).get("id").asText().equals("test.source") ? nodes.get(1) : nodes.get(0);
        JsonNode rows = source.get("settingsSchema").get("properties").get("rows");
        assertEquals("integer", rows.get("type").asText());
        assertEquals(1, rows.get("minimum").asInt());
        assertEquals(1000, rows.get("maximum").asInt());
        assertEquals(5, rows.get("default").asInt());
        assertEquals("quiver.table", source.get("outputs").get(0).get("type").asText());
    }

    @Test
    void runPrintsTerminalTablesAndWritesOutputsWithOverrides() throws Exception {
        Path wf = workflow(WIRE, "{\"amount\":2}");
        Path outDir = dir.resolve("out");
        assertEquals(0, quiver("run", wf.toString(), "--set", "plus.amount=10", "--out", outDir.toString()), err);
        assertTrue(out.contains("== plus (Add) =="), out);
        assertTrue(out.contains("12.0000"), out); // row 2: 2 + 10
        assertEquals("x\n10.0\n11.0\n12.0\n", Files.readString(outDir.resolve("plus/table.csv")));
        assertTrue(err.contains("✓ src (Source)"), err);
    }

    @Test
    void validateFlagsAMissingColumnAndExitsOne() throws Exception {
        Path wf = workflow(WIRE, "{\"column\":\"nope\"}");
        assertEquals(1, quiver("validate", wf.toString()));
        assertTrue(out.contains("✗ plus"), out);
        assertTrue(out.contains("Column 'nope' not found (available: x)"), out);
    }

    @Test
    void validateFlagsAnUnconnectedInput() throws Exception {
        Path wf = workflow("[]", "{}");
        assertEquals(1, quiver("validate", wf.toString()));
        assertTrue(out.contains("Input 'table' is not connected"), out);
    }

    @Test
    void badSetIsAClearError() throws Exception {
        Path wf = workflow(WIRE, "{}");
        assertEquals(1, quiver("run", wf.toString(), "--set", "ghost.amount=1"));
        assertTrue(err.contains("there is no node 'ghost' (nodes: src, plus)"), err);
        assertEquals(1, quiver("run", wf.toString(), "--set", "amount"));
        assertTrue(err.contains("not of the form NODE.SETTING=VALUE"), err);
    }

    @Test
    void failingRunExitsOneAndNamesTheNode() throws Exception {
        Path wf = workflow(WIRE, "{\"amount\":\"many\"}");
        assertEquals(1, quiver("run", wf.toString()));
        assertTrue(err.contains("plus: Invalid settings: Setting 'amount' cannot be many"), err);
    }

    @Test
    void missingWorkflowFileIsAClearError() {
        assertEquals(1, quiver("run", dir.resolve("none.quiver.json").toString()));
        assertTrue(err.contains("does not exist"), err);
    }

    @Test
    void docDescribesNodesChangedSettingsFlowAndColumns() throws Exception {
        Path wf = workflow(WIRE, "{\"amount\":2,\"column\":\"x\"}");
        assertEquals(0, quiver("doc", wf.toString()));
        assertTrue(out.startsWith("# w.quiver.json"), out);
        assertTrue(out.contains("n_src -->|table → table| n_plus"), out);
        assertTrue(out.contains("| `plus` | Add v1 | Test | amount = 2 |  |"), out); // column x is the default
        assertTrue(out.contains("- `src.table` → `plus.table` (Table)"), out);
        assertTrue(out.contains("  - table: 1 columns: x (double)"), out);
        assertFalse(out.contains("## Problems"), out);
    }

    @Test
    void helpWorksForEveryCommand() {
        for (String cmd : List.of("nodes", "validate", "run", "doc")) {
            assertEquals(0, quiver(cmd, "--help"));
            assertTrue(out.contains("Usage: quiver " + cmd), out);
        }
    }
}
