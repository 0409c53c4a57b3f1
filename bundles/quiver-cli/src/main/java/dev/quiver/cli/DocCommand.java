package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortSpec;
import dev.quiver.engine.doc.ParameterDoc;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.ConnectionDoc;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.run.Problem;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.settings.SettingsCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "doc", mixinStandardHelpOptions = true,
        description = "Describe a workflow in Markdown for review: metadata, a diagram, each node with the settings "
                + "that differ from the defaults, the data flow, and the columns each node produces.")
final class DocCommand implements Callable<Integer> {
    private final QuiverCommand root;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The *.quiver.json file.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    DocCommand(QuiverCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        WorkflowDocument doc = WorkflowJson.read(file);
        Workflow wf = Workflow.load(doc, root.registry, file.toAbsolutePath().getParent());
        wf.configure();
        String markdown = render(doc, wf, file.getFileName().toString());
        if (out == null) {
            root.out.print(markdown);
        } else {
            try {
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + out, e);
            }
            root.err.println("Wrote " + out.toAbsolutePath());
        }
        return 0;
    }

    static String render(WorkflowDocument doc, Workflow wf, String fileName) {
        var md = new StringBuilder();
        var meta = doc.metadata();
        md.append("# ").append(meta.title() == null ? fileName : meta.title()).append("\n\n");
        if (meta.description() != null) {
            md.append(meta.description()).append("\n\n");
        }
        md.append("| | |\n|---|---|\n| file | `").append(fileName).append("` |\n");
        if (meta.author() != null) {
            md.append("| author | ").append(cell(meta.author())).append(" |\n");
        }
        if (!meta.tags().isEmpty()) {
            md.append("| tags | ").append(cell(String.join(", ", meta.tags()))).append(" |\n");
        }
        md.append("| seed | ").append(doc.seed()).append(" |\n| nodes | ").append(doc.nodes().size()).append(" |\n\n");

        if (!doc.parameters().isEmpty()) {
            md.append("## Parameters\n\nSet with `quiver run ").append(fileName)
                    .append(" --set NAME=VALUE`; each sets every setting listed under targets.\n\n")
                    .append("| name | label | default | targets | description |\n|---|---|---|---|---|\n");
            for (ParameterDoc p : doc.parameters()) {
                md.append("| `").append(p.name()).append("` | ").append(cell(p.label() == null ? "" : p.label()))
                        .append(" | ").append(p.defaultValue() == null ? "(as saved)" : cell(p.defaultValue().toString()))
                        .append(" | ").append(cell(String.join(", ", p.targets().stream().map(t -> "`" + t + "`")
                                .toList())))
                        .append(" | ").append(cell(p.description() == null ? "" : p.description())).append(" |\n");
            }
            dev.quiver.engine.doc.Parameters.problems(doc).forEach(problem -> md.append("\n- ✗ ").append(problem));
            md.append("\n");
        }
        if (doc.component() != null) {
            md.append("## Component settings\n\nThe settings the component node shows, each setting one inner "
                    + "node's setting.\n\n| name | label | sets |\n|---|---|---|\n");
            for (var e : doc.component().settings()) {
                md.append("| `").append(e.name()).append("` | ").append(cell(e.label() == null ? "" : e.label()))
                        .append(" | `").append(e.node()).append('.').append(e.setting()).append("` |\n");
            }
            md.append("\n");
        }
        md.append("## Diagram\n\n```mermaid\nflowchart LR\n");
        for (NodeDoc n : doc.nodes()) {
            md.append("  ").append(mermaidId(n.id())).append("[\"").append(n.id()).append("<br/>")
                    .append(name(wf, n).replace("\"", "'")).append("\"]\n");
        }
        for (ConnectionDoc c : doc.connections()) {
            md.append("  ").append(mermaidId(c.from().node())).append(" -->|").append(c.from().port()).append(" → ")
                    .append(c.to().port()).append("| ").append(mermaidId(c.to().node())).append('\n');
        }
        md.append("```\n\n## Nodes\n\n| id | node | category | settings (changed from the defaults) | note |\n|---|---|---|---|---|\n");
        for (NodeDoc n : doc.nodes()) {
            Optional<NodeFactory<?>> f = wf.factory(n.id());
            md.append("| `").append(n.id()).append("` | ").append(cell(name(wf, n))).append(" v").append(n.version())
                    .append(" | ").append(f.map(x -> x.descriptor().category()).orElse("not installed")).append(" | ")
                    .append(cell(changedSettings(n, f))).append(" | ")
                    .append(n.annotation() == null ? "" : cell(n.annotation())).append(" |\n");
        }
        md.append("\n## Data flow\n\n");
        if (doc.connections().isEmpty()) {
            md.append("No connections.\n");
        }
        for (ConnectionDoc c : doc.connections()) {
            md.append("- `").append(c.from()).append("` → `").append(c.to()).append("`")
                    .append(portType(wf, c)).append('\n');
        }
        md.append("\n## What each node produces\n\n");
        for (NodeDoc n : doc.nodes()) {
            Optional<NodeFactory<?>> f = wf.factory(n.id());
            var specs = wf.outputSpecs(n.id());
            if (f.isEmpty() || specs.isEmpty() || f.get().descriptor().outputs().isEmpty()) {
                continue;
            }
            List<PortDescriptor> ports = f.get().descriptor().outputs();
            md.append("- `").append(n.id()).append("`\n");
            for (int i = 0; i < ports.size(); i++) {
                PortSpec spec = specs.get().get(i);
                md.append("  - ").append(ports.get(i).name()).append(": ").append(cell(spec.describe())).append('\n');
            }
        }
        List<Problem> problems = wf.problems();
        var errors = wf.statuses().stream().filter(s -> s.error()).toList();
        if (!problems.isEmpty() || !errors.isEmpty()) {
            md.append("\n## Problems\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
            errors.stream().filter(s -> problems.stream().noneMatch(p -> s.message().equals(p.message())))
                    .forEach(s -> md.append("- ").append(s.nodeId()).append(": ").append(s.message()).append('\n'));
        }
        return md.toString();
    }

    private static String name(Workflow wf, NodeDoc n) {
        return wf.factory(n.id()).map(f -> f.descriptor().name()).orElse(n.type());
    }

    private static String portType(Workflow wf, ConnectionDoc c) {
        return wf.factory(c.from().node()).flatMap(f -> f.descriptor().outputs().stream()
                .filter(p -> p.name().equals(c.from().port())).findFirst())
                .map(p -> " (" + p.type().displayName() + ")").orElse("");
    }

    /** Settings whose value differs from the node's default: what a reviewer needs to see. */
    private static String changedSettings(NodeDoc n, Optional<NodeFactory<?>> f) {
        if (n.settings() == null || n.settings().isEmpty()) {
            return "defaults";
        }
        JsonNode defaults = f.map(x -> (JsonNode) SettingsCodec.toJson(x.defaultSettings())).orElse(null);
        var parts = new java.util.ArrayList<String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.settings().fields(); it.hasNext();) {
            var e = it.next();
            if (defaults == null || !e.getValue().equals(defaults.get(e.getKey()))) {
                parts.add(e.getKey() + " = " + e.getValue());
            }
        }
        return parts.isEmpty() ? "defaults" : String.join("; ", parts);
    }

    private static String mermaidId(String id) {
        return "n_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
