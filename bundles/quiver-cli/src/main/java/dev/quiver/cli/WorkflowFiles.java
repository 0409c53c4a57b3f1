package dev.quiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.doc.Parameters;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loading a workflow file for the command line, with {@code --set} values for workflow parameters and node settings. */
final class WorkflowFiles {
    private WorkflowFiles() {
    }

    /**
     * Applies {@code --set} values: {@code NAME=VALUE} sets a declared workflow parameter (every one
     * of its targets; parameters not given take their defaults), {@code NODE.SETTING=VALUE} one
     * node's setting. Node-level values are applied last, so the more specific one wins.
     */
    static WorkflowDocument applySets(WorkflowDocument original, List<String> sets) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        List<String> nodeSets = new ArrayList<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--set '" + set + "' is not of the form NODE.SETTING=VALUE "
                        + "(for example --set split.trainFraction=0.8) or NAME=VALUE for a workflow parameter.");
            }
            String key = set.substring(0, eq);
            if (Parameters.isParameterKey(key)) {
                parameters.put(key, parseValue(set.substring(eq + 1)));
            } else {
                nodeSets.add(set);
            }
        }
        WorkflowDocument doc = Parameters.apply(original, parameters);
        for (String set : nodeSets) {
            WorkflowDocument current = doc;
            int eq = set.indexOf('=');
            int dot = set.substring(0, eq).indexOf('.');
            if (dot <= 0 || dot == eq - 1) {
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
