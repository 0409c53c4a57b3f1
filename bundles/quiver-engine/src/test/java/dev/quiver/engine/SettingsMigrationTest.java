package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import dev.quiver.testkit.SampleNodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Old workflows keep loading: a golden file saved by version 1 of a node whose settings changed in
 * version 2 is migrated, runs, and is saved in the new form; a node type that is not installed
 * keeps its settings through a save.
 */
class SettingsMigrationTest {

    /** Version 2 renamed 'factor' (a string in version 1) to a numeric 'multiplier' and dropped 'legacyFlag'. */
    static final class ScaleV2 implements NodeFactory<ScaleV2.Settings> {
        record Settings(double multiplier) {
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.scale", 2, "Scale", "Test", "", List.of(SampleNodes.TABLE_IN),
                    List.of(SampleNodes.TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings(1);
        }

        @Override
        public Map<String, Object> migrateSettings(int fromVersion, Map<String, Object> settings) {
            if (fromVersion < 2) {
                Object factor = settings.remove("factor");
                settings.remove("legacyFlag");
                if (factor != null) {
                    settings.put("multiplier", Double.parseDouble(factor.toString()));
                }
            }
            return settings;
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(inputs.get(0, TableSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            Table t = inputs.get(0, Table.class);
            double[] v = t.doubleColumn("x").toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= s.multiplier();
            }
            return NodeResult.of(t.withColumn(DoubleColumn.wrap(t.column("x").spec(), v)));
        }
    }

    private static WorkflowDocument golden() throws IOException {
        try (InputStream in = SettingsMigrationTest.class.getResourceAsStream("/golden/scale-v1.quiver.json")) {
            return WorkflowJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "scale-v1.quiver.json");
        }
    }

    @Test
    void oldSettingsAreMigratedAndTheWorkflowRuns() throws IOException {
        Workflow wf = Workflow.load(golden(), NodeRegistry.of(List.of(new SampleNodes.Source(), new ScaleV2())), Path.of("."));
        assertTrue(wf.problems().stream().noneMatch(p -> "scale".equals(p.nodeId())), wf.problems().toString());
        wf.execute(List.of("scale"), ExecutionOptions.defaults(), WorkflowListener.NONE);
        Table out = (Table) wf.result("scale").orElseThrow().outputs().get(0);
        assertEquals(20.0, out.doubleColumn("x").get(2));

        var saved = wf.document().node("scale").orElseThrow();
        assertEquals(2, saved.version());
        assertEquals("{\"multiplier\":10.0}", saved.settings().toString());
        assertEquals("times ten", saved.annotation());
    }

    @Test
    void aMissingNodeTypeIsNamedAndKeepsItsSettingsThroughASave() throws IOException {
        WorkflowDocument doc = golden();
        Workflow wf = Workflow.load(doc, NodeRegistry.of(List.of(new SampleNodes.Source(), new ScaleV2())), Path.of("."));
        var problem = wf.problems().stream().filter(p -> "future".equals(p.nodeId())).findFirst().orElseThrow();
        assertTrue(problem.message().startsWith("Node type 'test.not-installed' is not installed."), problem.message());
        String saved = WorkflowJson.toJson(wf.document());
        WorkflowDocument again = WorkflowJson.parse(saved, "saved");
        var future = again.node("future").orElseThrow();
        assertEquals(3, future.version());
        assertEquals("{\"anything\":[1,2,3]}", future.settings().toString());
        assertEquals(2, again.connections().size(), "the wire into the missing node is kept");
        assertFalse(saved.contains("legacyFlag"));
    }

    @Test
    void aNodeSavedByANewerVersionIsReportedNotGuessed() throws IOException {
        var newer = golden().withNodeSettings("scale", WorkflowJson.mapper().createObjectNode().put("multiplier", 3));
        var nodes = new java.util.ArrayList<>(newer.nodes());
        var scale = newer.node("scale").orElseThrow();
        nodes.set(1, new WorkflowDocument.NodeDoc("scale", "test.scale", 7, scale.position(), scale.settings(), null));
        var doc = new WorkflowDocument(newer.format(), 1, newer.metadata(), 1, nodes, newer.connections(), List.of());
        Workflow wf = Workflow.load(doc, NodeRegistry.of(List.of(new SampleNodes.Source(), new ScaleV2())), Path.of("."));
        assertTrue(wf.problems().stream().anyMatch(p -> p.message().equals("Node 'scale' was saved by version 7 of "
                + "test.scale, but version 2 is installed. Update the feature that provides it.")), wf.problems().toString());
    }
}
