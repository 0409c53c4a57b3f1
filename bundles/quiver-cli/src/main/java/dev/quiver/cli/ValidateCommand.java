package dev.quiver.cli;

import dev.quiver.api.port.PortSpec;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.Problem;
import dev.quiver.engine.run.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Configure a workflow without running it: check wires, settings and columns. Exit 1 on any error.")
final class ValidateCommand implements Callable<Integer> {
    private final QuiverCommand root;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The *.quiver.json file.")
    Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE|NODE.SETTING=VALUE",
            description = "Set a workflow parameter or override one node's setting (repeatable).")
    List<String> sets = new ArrayList<>();

    ValidateCommand(QuiverCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        WorkflowDocument doc = WorkflowFiles.applySets(WorkflowJson.read(file), sets);
        Workflow wf = Workflow.load(doc, root.registry, file.toAbsolutePath().getParent());
        List<NodeStatus> statuses = wf.configure();
        int errors = 0;
        for (Problem p : wf.problems()) {
            if (p.nodeId() == null) {
                root.out.println("✗ " + p.message());
                errors++;
            }
        }
        for (NodeStatus s : statuses) {
            String name = wf.factory(s.nodeId()).map(f -> f.descriptor().name()).orElse("?");
            if (s.error()) {
                errors++;
                root.out.printf("✗ %-14s %s: %s%n", s.nodeId(), name, s.message());
                wf.problems().stream().filter(p -> s.nodeId().equals(p.nodeId()) && !p.message().equals(s.message()))
                        .forEach(p -> root.out.printf("  %-14s %s%n", "", p.message()));
            } else {
                String specs = wf.outputSpecs(s.nodeId()).map(l -> String.join("; ",
                        l.stream().map(PortSpec::describe).toList())).orElse(s.message() == null ? "" : s.message());
                root.out.printf("✓ %-14s %s%s%n", s.nodeId(), name, specs.isEmpty() ? "" : " → " + specs);
                // Refused wires into a node that still configures (an optional port) are errors too.
                for (Problem p : wf.problems()) {
                    if (s.nodeId().equals(p.nodeId())) {
                        errors++;
                        root.out.printf("✗ %-14s %s%n", s.nodeId(), p.message());
                    }
                }
            }
        }
        root.out.println(errors == 0 ? "Workflow is valid." : errors + (errors == 1 ? " error." : " errors."));
        return errors == 0 ? 0 : 1;
    }
}
