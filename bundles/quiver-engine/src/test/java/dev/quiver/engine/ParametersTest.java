package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.doc.Parameters;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
    private static final String DOC = """
            {"format":"quiver-workflow","formatVersion":1,"seed":1,
             "parameters":[
              {"name":"data","label":"Input CSV","description":"The table to learn from.","default":"iris.csv",
               "targets":["read.path","other.path"]},
              {"name":"target","targets":["read.column"]}],
             "nodes":[{"id":"read","type":"t","version":1,"settings":{"path":"saved.csv","column":"species"}},
              {"id":"other","type":"t","version":1}]}
            """;

    private static String setting(WorkflowDocument doc, String node, String key) {
        return doc.node(node).orElseThrow().settings().path(key).asText();
    }

    @Test
    void givenValueSetsEveryTargetAndDefaultsApplyOtherwise() {
        WorkflowDocument doc = WorkflowJson.parse(DOC, "doc");
        WorkflowDocument set = Parameters.apply(doc, Map.of("data", TextNode.valueOf("wine.csv")));
        assertEquals("wine.csv", setting(set, "read", "path"));
        assertEquals("wine.csv", setting(set, "other", "path"));
        assertEquals("species", setting(set, "read", "column"), "no value and no default: kept as saved");
        WorkflowDocument defaults = Parameters.apply(doc, Map.<String, JsonNode>of());
        assertEquals("iris.csv", setting(defaults, "read", "path"));
    }

    @Test
    void unknownParameterListsTheDeclaredOnes() {
        WorkflowDocument doc = WorkflowJson.parse(DOC, "doc");
        var e = assertThrows(InvalidInputException.class,
                () -> Parameters.apply(doc, Map.of("dta", TextNode.valueOf("x"))));
        assertTrue(e.getMessage().contains("'dta'") && e.getMessage().contains("data (Input CSV), target"),
                e.getMessage());
    }

    @Test
    void badDeclarationsAreNamed() {
        WorkflowDocument doc = WorkflowJson.parse(DOC.replace("\"read.column\"", "\"gone.column\""), "doc");
        assertEquals(1, Parameters.problems(doc).size());
        assertTrue(Parameters.problems(doc).get(0).contains("no node 'gone'"), Parameters.problems(doc).toString());
    }

    @Test
    void parametersSurviveSaveByteForByte() {
        WorkflowDocument doc = WorkflowJson.parse(DOC, "doc");
        String json = WorkflowJson.toJson(doc);
        assertTrue(json.contains("\"default\" : \"iris.csv\""), json);
        assertEquals(json, WorkflowJson.toJson(WorkflowJson.parse(json, "again")));
    }
}
