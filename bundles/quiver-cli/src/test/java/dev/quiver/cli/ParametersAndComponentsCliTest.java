package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.testkit.SampleNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set NAME=VALUE} for declared parameters, and components found next to the workflow. */
class ParametersAndComponentsCliTest {
    private final NodeRegistry registry = NodeRegistry.of(List.of(new SampleNodes.Source(), new SampleNodes.Add()));
    @TempDir
    Path dir;
    private String out;
    private String err;
    private Path wf;

    private int quiver(String... args) {
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        int code = QuiverCommand.run(registry, args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** src (3 rows) → plus, a component that adds "amount" (exposed as "shift") twice; "shift" is a parameter. */
    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(dir.resolve("components/twice.quiver-component.json"), """
                {"format":"quiver-component","formatVersion":1,"seed":1,"metadata":{"title":"Add twice"},
                 "component":{"settings":[{"name":"amount","label":"Amount added twice","node":"first","setting":"amount"},
                                          {"name":"again","node":"second","setting":"amount"}]},
                 "nodes":[{"id":"in","type":"quiver.component.input-table","version":1,"settings":{"port":"data"}},
                  {"id":"first","type":"test.add","version":1,"settings":{"amount":1}},
                  {"id":"second","type":"test.add","version":1,"settings":{"amount":1}},
                  {"id":"out","type":"quiver.component.output-table","version":1,"settings":{"port":"data"}}],
                 "connections":[{"from":{"node":"in","port":"table"},"to":{"node":"first","port":"table"}},
                  {"from":{"node":"first","port":"table"},"to":{"node":"second","port":"table"}},
                  {"from":{"node":"second","port":"table"},"to":{"node":"out","port":"table"}}]}
                """);
        wf = dir.resolve("w.quiver.json");
        Files.writeString(wf, """
                {"format":"quiver-workflow","formatVersion":1,"seed":1,
                 "parameters":[{"name":"shift","label":"Shift","description":"Added by both steps.","default":2,
                                "targets":["plus.amount","plus.again"]}],
                 "nodes":[{"id":"src","type":"test.source","version":1,"settings":{"rows":3}},
                          {"id":"plus","type":"component:twice","version":1,"settings":{"amount":1,"again":1}}],
                 "connections":[{"from":{"node":"src","port":"table"},"to":{"node":"plus","port":"data"}}]}
                """);
    }

    @Test
    void parameterSetsEveryTargetAndDefaultApplies() throws Exception {
        Path outDir = dir.resolve("out");
        assertEquals(0, quiver("run", wf.toString(), "--out", outDir.toString()), err);
        assertEquals("x\n4.0\n5.0\n6.0\n", Files.readString(outDir.resolve("plus/data.csv")), "default 2, twice");
        assertEquals(0, quiver("run", wf.toString(), "--set", "shift=10", "--out", outDir.toString()), err);
        assertEquals("x\n20.0\n21.0\n22.0\n", Files.readString(outDir.resolve("plus/data.csv")));
        // The node-level form still works and wins over the parameter.
        assertEquals(0, quiver("run", wf.toString(), "--set", "shift=10", "--set", "plus.again=0",
                "--out", outDir.toString()), err);
        assertEquals("x\n10.0\n11.0\n12.0\n", Files.readString(outDir.resolve("plus/data.csv")));
    }

    @Test
    void unknownParameterNamesTheDeclaredOnes() {
        assertEquals(1, quiver("run", wf.toString(), "--set", "shfit=3"));
        assertTrue(err.contains("Unknown parameter 'shfit'") && err.contains("shift (Shift)"), err);
    }

    @Test
    void docListsParametersAndValidateResolvesTheComponent() {
        assertEquals(0, quiver("doc", wf.toString()));
        assertTrue(out.contains("## Parameters"), out);
        assertTrue(out.contains("| `shift` | Shift | 2 | `plus.amount`, `plus.again` | Added by both steps. |"), out);
        assertTrue(out.contains("Add twice"), out);
        assertEquals(0, quiver("validate", wf.toString(), "--set", "shift=3"), out);
        assertTrue(out.contains("✓ plus"), out);
    }

    @Test
    void missingComponentFileFailsValidationNamingTheFile() throws Exception {
        Files.delete(dir.resolve("components/twice.quiver-component.json"));
        assertEquals(1, quiver("validate", wf.toString()));
        assertTrue(out.contains("twice.quiver-component.json is missing"), out);
    }
}
