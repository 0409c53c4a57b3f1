package dev.quiver.cli;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.Outputs;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeState;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.Problem;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a workflow headless: progress on stderr, a summary of each final node on stdout.",
            "Exit 0 when every node executed, 1 otherwise (the failing node and its message are printed)."})
final class RunCommand implements Callable<Integer> {
    /** Tables up to this many rows are printed whole in the summary. */
    private static final int PRINT_ROWS = 40;
    private final QuiverCommand root;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The *.quiver.json file.")
    Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE|NODE.SETTING=VALUE",
            description = "Set a workflow parameter (every setting it targets; `quiver doc` lists them), e.g. --set "
                    + "data=wine.csv, or override one node's setting, e.g. --set split.trainFraction=0.8 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write every output: DIR/<node-id>/<port>.csv for tables, .json otherwise, charts as Vega-Lite.")
    Path out;

    @Option(names = "--parallelism", paramLabel = "N", description = "Nodes executed at once (default: cores).")
    Integer parallelism;

    @Option(names = "--backend", paramLabel = "ID",
            description = "Run heavy work (search trials, cross-validation folds, batch scoring) on this execution"
                    + " backend instead of the workflow's own choice: local, or an installed one such as spark.")
    String backend;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "The Spark master for --backend spark: local[N], spark://host:7077, yarn, k8s://https://host:443.")
    String sparkMaster;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
            description = "An option of the backend, e.g. --backend-option spark.executor.memory=2g (repeatable).")
    List<String> backendOptions = new ArrayList<>();

    RunCommand(QuiverCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        WorkflowDocument doc = WorkflowFiles.applySets(WorkflowJson.read(file), sets);
        Workflow wf = Workflow.load(doc, root.registry, file.toAbsolutePath().getParent());
        for (Problem p : wf.problems()) {
            root.err.println("✗ " + p);
        }
        var options = parallelism == null ? ExecutionOptions.defaults() : new ExecutionOptions(parallelism);
        if (sparkMaster != null && backend == null) {
            backend = "spark";
        }
        if (backend != null) {
            options = options.withBackend(backend, backendOptions(backendOptions, sparkMaster));
        } else if (!backendOptions.isEmpty()) {
            throw new InvalidInputException("--backend-option needs --backend (which backend are the options for?)");
        }
        var progress = new ConsoleProgress(root.err,
                id -> wf.factory(id).map(f -> f.descriptor().name()).orElse("?"), wf.nodeIds().size());
        RunResult result = wf.execute(options, progress);

        for (String id : wf.terminalNodes()) {
            wf.result(id).ifPresent(r -> printSummary(wf, id, r));
        }
        if (out != null) {
            for (String id : wf.nodeIds()) {
                var factory = wf.factory(id);
                var res = wf.result(id);
                if (factory.isPresent() && res.isPresent()) {
                    List<String> ports = factory.get().descriptor().outputs().stream().map(PortDescriptor::name).toList();
                    Outputs.writeAll(id, ports, res.get().outputs(), res.get().charts(), out);
                }
            }
            root.err.println("Outputs written to " + out.toAbsolutePath());
        }
        List<NodeStatus> failures = result.failures();
        if (result.canceled()) {
            root.err.println("Cancelled.");
            return 1;
        }
        if (!result.success()) {
            root.err.println();
            for (NodeStatus s : failures) {
                root.err.println("Node '" + s.nodeId() + "' failed: " + s.message());
            }
            if (failures.isEmpty()) {
                root.err.println("Some nodes did not run; see the messages above.");
            }
            return 1;
        }
        root.err.printf(Locale.ROOT, "Done: %d nodes in %.2f s.%n", wf.nodeIds().size(), result.elapsed().toMillis() / 1000.0);
        return 0;
    }

    /** KEY=VALUE pairs, with the Spark master as the {@code master} option. */
    private static java.util.Map<String, String> backendOptions(List<String> pairs, String master) {
        var map = new java.util.TreeMap<String, String>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--backend-option '" + pair
                        + "' is not KEY=VALUE (e.g. spark.executor.memory=2g)");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (master != null) {
            map.put("master", master);
        }
        return map;
    }

    private void printSummary(Workflow wf, String id, NodeResult r) {
        NodeFactory<?> f = wf.factory(id).orElseThrow();
        var ports = f.descriptor().outputs();
        root.out.println("== " + id + " (" + f.descriptor().name() + ") ==");
        for (int i = 0; i < ports.size(); i++) {
            PortObject o = r.outputs().get(i);
            root.out.println("-- " + ports.get(i).name() + ": " + o.summary());
            if (o instanceof Table t && t.rowCount() > 0) {
                root.out.print(Outputs.toText(t, t.rowCount() <= PRINT_ROWS ? PRINT_ROWS : 10));
            }
        }
        for (var w : wf.status(id).warnings()) {
            root.out.println("⚠ " + w);
        }
        if (wf.status(id).state() != NodeState.EXECUTED) {
            root.out.println("(not executed)");
        }
        root.out.println();
    }
}
