package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.server.TestSupport.Client;
import dev.quiver.server.internal.QuiverServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create component over REST: the file is written next to the workflow, the palette lists it, both run alike. */
class ComponentsRestTest {
    @TempDir
    Path tmp;
    Path workspace;
    QuiverServer server;
    Client client;

    @BeforeEach
    void start() throws IOException {
        workspace = tmp.resolve("ws");
        TestSupport.copyIris(workspace.resolve("flows"));
        server = TestSupport.start(workspace, null, "127.0.0.1");
        client = new Client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ObjectNode createRequest(ObjectNode doc) {
        ObjectNode body = TestSupport.JSON.createObjectNode();
        body.put("workflow", "flows/iris.quiver.json");
        body.set("document", doc);
        body.set("nodes", TestSupport.JSON.valueToTree(List.of("normalizer", "apply")));
        body.put("name", "scale");
        body.put("title", "Scale train and test");
        ObjectNode exposed = body.putArray("exposed").addObject();
        exposed.put("node", "normalizer").put("setting", "method").put("name", "method").put("label", "Scaling");
        return body;
    }

    /** Runs a document in a fresh session and returns the scorer's accuracy. */
    private double accuracy(JsonNode doc) throws InterruptedException {
        ObjectNode open = TestSupport.JSON.createObjectNode();
        open.put("workflow", "flows/iris.quiver.json");
        open.set("document", doc);
        String id = client.json("POST", "/api/sessions", open, 201).get("session").asText();
        client.json("POST", "/api/sessions/" + id + "/execute", TestSupport.JSON.createObjectNode(), 202);
        for (int i = 0; i < 600; i++) {
            JsonNode v = client.get("/api/sessions/" + id);
            if (v.at("/nodes/scorer/hasResult").asBoolean()) {
                for (JsonNode row : client.get("/api/sessions/" + id
                        + "/nodes/scorer/outputs/metrics/table?limit=100").get("rows")) {
                    if (row.get(0).asText().equals("accuracy")) {
                        return row.get(1).asDouble();
                    }
                }
            }
            assertTrue(!v.at("/nodes/scorer/error").asBoolean(), v.toString());
            Thread.sleep(100);
        }
        throw new AssertionError("the run did not finish");
    }

    @Test
    void createComponentFromSelectionWritesTheFileAndRewritesTheWorkflow() throws Exception {
        ObjectNode doc = TestSupport.irisDocument("iris.csv");
        JsonNode r = client.json("POST", "/api/components", createRequest(doc), 201);
        assertEquals("flows/components/scale.quiver-component.json", r.get("component").asText());
        assertEquals("scale", r.get("node").asText());
        Path file = workspace.resolve("flows/components/scale.quiver-component.json");
        assertTrue(Files.isRegularFile(file));
        JsonNode rewritten = r.get("document");
        assertEquals(7, rewritten.get("nodes").size(), "8 nodes, 2 replaced by 1");
        assertTrue(rewritten.toString().contains("\"type\":\"component:scale\""), rewritten.toString());

        // The component opens like a workflow, and the palette of that workflow lists it with its form.
        assertEquals("quiver-component", client.get("/api/workflows/flows/components/scale.quiver-component.json")
                .get("format").asText());
        JsonNode entry = null;
        for (JsonNode n : client.get("/api/nodes?workflow=flows/iris.quiver.json")) {
            if (n.get("id").asText().equals("component:scale")) {
                entry = n;
            }
        }
        assertTrue(entry != null, "the component is in the palette");
        assertEquals("Components", entry.get("category").asText());
        assertEquals("Scale train and test", entry.get("name").asText());
        assertEquals("flows/components/scale.quiver-component.json", entry.get("file").asText());
        assertEquals("Scaling", entry.at("/settingsSchema/properties/method/title").asText());
        assertEquals(List.of("table", "table-2"), List.of(entry.at("/inputs/0/name").asText(),
                entry.at("/inputs/1/name").asText()));

        // Same numbers through the component as inline.
        assertEquals(accuracy(doc), accuracy(rewritten), 0.0);

        // A second component of the same name is refused unless replacing is asked for.
        assertEquals(409, client.send("POST", "/api/components", createRequest(doc)).statusCode());
        client.json("POST", "/api/components?overwrite=true", createRequest(doc), 201);
        ObjectNode bad = createRequest(doc);
        bad.put("name", "../escape");
        assertEquals(400, client.send("POST", "/api/components", bad).statusCode());
    }
}
