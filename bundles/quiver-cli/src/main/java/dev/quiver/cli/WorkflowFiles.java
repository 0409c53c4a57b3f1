package dev.quiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import java.util.List;

/** Loading a workflow file for the command line, with {@code --set NODE.SETTING=VALUE} overrides. */
final class WorkflowFiles {
    private WorkflowFiles() {
    }

    static WorkflowDocument applySets(WorkflowDocument original, List<String> sets) {
        WorkflowDocument doc = original;
        for (String set : sets) {
            WorkflowDocument current = doc;
            int eq = set.indexOf('=');
            int dot = eq < 0 ? -1 : set.substring(0, eq).indexOf('.');
            if (eq < 0 || dot <= 0 || dot == eq - 1) {
                throw new InvalidInputException("--set '" + set + "' is not of the form NODE.SETTING=VALUE "
                        + "(for example --set split.trainFraction=0.8).");
            }
            String nodeId = set.substring(0, dot);
            String setting = set.substring(dot + 1, eq);
            String raw = set.substring(eq + 1);
            var node = current.node(nodeId).orElseThrow(() -> new InvalidInputException("--set '" + set
                    + "': there is no node '" + nodeId + "' (nodes: "
                    + String.join(", ", current.nodes().stream().map(WorkflowDocument.NodeDoc::id).toList()) + ")."));
            ObjectNode settings = node.settings() == null ? WorkflowJson.mapper().createObjectNode()
                    : node.settings().deepCopy();
            settings.set(setting, parseValue(raw));
            doc = doc.withNodeSettings(nodeId, settings);
        }
        return doc;
    }

    /** JSON when the value is JSON (numbers, booleans, lists, quoted strings), else the plain text. */
    private static JsonNode parseValue(String raw) {
        try {
            return WorkflowJson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(raw);
        }
    }
}
