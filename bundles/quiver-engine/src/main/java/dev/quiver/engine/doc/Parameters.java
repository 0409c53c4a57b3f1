package dev.quiver.engine.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Workflow parameters: checking their declarations and setting every target from a value per name. */
public final class Parameters {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private Parameters() {
    }

    /** Whether {@code key} of a {@code --set key=value} names a parameter rather than NODE.SETTING. */
    public static boolean isParameterKey(String key) {
        return key.indexOf('.') < 0;
    }

    /** What is wrong with the declarations, one message each (empty when they are usable). */
    public static List<String> problems(WorkflowDocument doc) {
        List<String> problems = new ArrayList<>();
        var seen = new HashSet<String>();
        for (ParameterDoc p : doc.parameters()) {
            if (p.name() == null || !NAME.matcher(p.name()).matches()) {
                problems.add("Parameter name '" + p.name() + "' is not allowed: start with a letter, then letters, "
                        + "digits, '-' or '_' (no dots, which mark NODE.SETTING).");
            } else if (!seen.add(p.name())) {
                problems.add("Parameter '" + p.name() + "' is declared twice. Give each parameter one entry.");
            }
            if (p.targets().isEmpty()) {
                problems.add("Parameter '" + p.name() + "' has no targets. List the settings it sets, e.g. "
                        + "\"targets\": [\"read.path\"].");
            }
            for (String target : p.targets()) {
                String problem = targetProblem(doc, p, target);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    private static String targetProblem(WorkflowDocument doc, ParameterDoc p, String target) {
        int dot = target == null ? -1 : target.indexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            return "Parameter '" + p.name() + "' has target '" + target + "', which is not of the form NODE.SETTING.";
        }
        String node = target.substring(0, dot);
        if (doc.node(node).isEmpty()) {
            return "Parameter '" + p.name() + "' targets '" + target + "', but there is no node '" + node
                    + "' (nodes: " + nodeIds(doc) + "). Fix the parameter's targets.";
        }
        return null;
    }

    /**
     * The document with every parameter applied: the given value, else its declared default, to each
     * of its targets. A parameter with neither leaves its targets as saved.
     */
    public static WorkflowDocument apply(WorkflowDocument doc, Map<String, JsonNode> given) {
        var declared = doc.parameters().stream().map(ParameterDoc::name).toList();
        for (String name : given.keySet()) {
            if (!declared.contains(name)) {
                throw new InvalidInputException("Unknown parameter '" + name + "'. " + (declared.isEmpty()
                        ? "This workflow declares no parameters"
                        : "Declared parameters: " + describe(doc))
                        + ". To set one node's setting, use NODE.SETTING=VALUE.");
            }
        }
        List<String> problems = problems(doc);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(" ", problems));
        }
        WorkflowDocument result = doc;
        for (ParameterDoc p : doc.parameters()) {
            JsonNode value = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
            if (value == null) {
                continue;
            }
            for (String target : p.targets()) {
                result = set(result, target, value);
            }
        }
        return result;
    }

    /** Sets one NODE.SETTING in a copy of the document. */
    public static WorkflowDocument set(WorkflowDocument doc, String target, JsonNode value) {
        int dot = target.indexOf('.');
        String nodeId = target.substring(0, dot);
        NodeDoc node = doc.node(nodeId).orElseThrow(() -> new InvalidInputException("There is no node '" + nodeId
                + "' (nodes: " + nodeIds(doc) + ")."));
        ObjectNode settings = node.settings() == null ? WorkflowJson.mapper().createObjectNode()
                : node.settings().deepCopy();
        settings.set(target.substring(dot + 1), value);
        return doc.withNodeSettings(nodeId, settings);
    }

    /** "data (Input CSV, default "iris.csv"), …" for error messages and help. */
    public static String describe(WorkflowDocument doc) {
        return doc.parameters().stream().map(p -> p.name() + (p.label() == null ? "" : " (" + p.label() + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String nodeIds(WorkflowDocument doc) {
        return doc.nodes().stream().map(NodeDoc::id).collect(Collectors.joining(", "));
    }
}
