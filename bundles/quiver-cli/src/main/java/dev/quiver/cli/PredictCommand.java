package dev.quiver.cli;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.ConnectionDoc;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.doc.WorkflowDocument.PortRef;
import dev.quiver.engine.doc.WorkflowDocument.Position;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.Outputs;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver predict}: scores a CSV file with a saved model or pipeline. It is a small workflow
 * of the ordinary nodes (CSV Reader → Model Reader → Predict → CSV Writer), so it reads files and
 * checks columns exactly as a workflow would.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score a CSV file with a saved model or pipeline (.quiver-port from the Pipeline node, Model Writer "
                + "or run --out).", "Writes the input columns plus prediction and P(class) columns as CSV to --out, "
                + "or to standard output."})
final class PredictCommand implements Callable<Integer> {
    private final QuiverCommand root;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The saved model or pipeline (*.quiver-port).")
    Path pipeline;

    @Parameters(index = "1", paramLabel = "INPUT", description = "The CSV file to score (header row; .gz allowed).")
    Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the scored rows here (CSV) instead of standard output.")
    Path out;

    PredictCommand(QuiverCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        var json = WorkflowJson.mapper();
        var nodes = new java.util.ArrayList<>(List.of(
                node("input", "quiver.io.csv-reader", json.createObjectNode().put("path", abs(input))),
                node("model", "quiver.io.model-reader", json.createObjectNode().put("path", abs(pipeline))),
                node("predict", "quiver.model.predict", null)));
        var wires = new java.util.ArrayList<>(List.of(
                wire("model", "model", "predict", "model"), wire("input", "table", "predict", "table")));
        if (out != null) {
            nodes.add(node("output", "quiver.io.csv-writer", json.createObjectNode().put("path", abs(out))));
            wires.add(wire("predict", "table", "output", "table"));
        }
        var doc = new WorkflowDocument(WorkflowDocument.FORMAT, WorkflowDocument.CURRENT_FORMAT_VERSION, null, 42,
                nodes, wires, List.of());
        Workflow wf = Workflow.load(doc, root.registry, Path.of("").toAbsolutePath());
        if (!wf.problems().isEmpty()) {
            throw new InvalidInputException("quiver predict needs the CSV Reader, Model Reader, Predict and CSV Writer "
                    + "nodes: " + wf.problems().get(0).message());
        }
        RunResult result = wf.execute(ExecutionOptions.defaults(), WorkflowListener.NONE);
        if (!result.success()) {
            for (NodeStatus s : result.failures()) {
                root.err.println("Error: " + s.message());
            }
            return 1;
        }
        Table scored = (Table) wf.result("predict").orElseThrow().outputs().get(0);
        if (out == null) {
            try {
                Outputs.writeCsv(scored, new OutputStreamWriter(root.out, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            root.err.println("Scored " + scored.rowCount() + " rows into " + out.toAbsolutePath());
        }
        return 0;
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().toString();
    }

    private static NodeDoc node(String id, String type, com.fasterxml.jackson.databind.node.ObjectNode settings) {
        return new NodeDoc(id, type, 1, new Position(0, 0), settings, null);
    }

    private static ConnectionDoc wire(String from, String fromPort, String to, String toPort) {
        return new ConnectionDoc(new PortRef(from, fromPort), new PortRef(to, toPort));
    }
}
