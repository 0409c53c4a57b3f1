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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow's execution section through the REST API: the backends the editor offers, the
 * section kept through save and reload (also for a backend this server does not have), and a run
 * that goes where the document last said.
 */
class ExecutionRestTest {
    @TempDir
    Path workspace;
    QuiverServer server;
    Client client;

    @BeforeEach
    void start() {
        TestSupport.copyIris(workspace);
        server = TestSupport.start(workspace, null, "127.0.0.1");
        client = new Client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void backendsListLocalFirstThenTheInstalledOnes() {
        JsonNode backends = client.get("/api/backends");
        assertEquals(2, backends.size(), backends.toString());
        assertEquals("local", backends.at("/0/id").asText());
        assertTrue(backends.at("/0/description").asText().contains("default"), backends.toString());
        assertEquals(TestSupport.TestCluster.ID, backends.at("/1/id").asText());
        assertEquals(new TestSupport.TestCluster().description(), backends.at("/1/description").asText());
        assertEquals(405, client.send("POST", "/api/backends", TestSupport.JSON.createObjectNode()).statusCode());
    }

    @Test
    void theExecutionSectionSurvivesSaveAndReloadByteForByte() throws IOException {
        ObjectNode doc = TestSupport.irisDocument("iris.csv");
        // "spark" is not installed here: the file must keep it all the same, options and node choices too.
        ObjectNode execution = (ObjectNode) TestSupport.JSON.readTree("{\"backend\": \"spark\", \"options\":"
                + " {\"master\": \"spark://host:7077\", \"spark.executor.memory\": \"2g\"}, \"nodes\": {\"lr\": \"local\"}}");
        doc.set("execution", execution);
        client.json("PUT", "/api/workflows/first.quiver.json", doc, 200);
        String saved = Files.readString(workspace.resolve("first.quiver.json"));
        assertEquals(execution, TestSupport.JSON.readTree(saved).get("execution"), saved);

        // What the editor does: load, then save what it loaded under another name.
        JsonNode loaded = client.get("/api/workflows/first.quiver.json");
        assertEquals(execution, loaded.get("execution"));
        client.json("PUT", "/api/workflows/second.quiver.json", loaded, 200);
        assertEquals(saved, Files.readString(workspace.resolve("second.quiver.json")));

        // Editing it in a session (the backend is missing) is no validation problem; the run would say so.
        JsonNode validation = client.json("POST", "/api/sessions", body(loaded), 201);
        assertEquals(0, validation.get("problems").size(), validation.toString());
    }

    @Test
    void aRunGoesWhereTheDocumentLastSaid() throws IOException, InterruptedException {
        ObjectNode doc = (ObjectNode) TestSupport.JSON.readTree("{\"format\": \"quiver-workflow\", \"formatVersion\": 1,"
                + " \"seed\": 42, \"nodes\": [{\"id\": \"where\", \"type\": \"test.where\", \"version\": 1,"
                + " \"position\": {\"x\": 0, \"y\": 0}}], \"connections\": [], \"annotations\": []}");
        String session = client.json("POST", "/api/sessions", body(doc), 201).get("session").asText();
        assertEquals("local|", runAndSayWhere(session));

        // Only the execution section changes: the next run must not reuse the runtime (or the result) of the last.
        doc.set("execution", TestSupport.JSON.readTree("{\"backend\": \"test-cluster\", \"options\": {\"master\": \"local[3]\"}}"));
        client.json("PUT", "/api/sessions/" + session + "/workflow", body(doc), 200);
        assertEquals("test-cluster|local[3]", runAndSayWhere(session));

        ((ObjectNode) doc.get("execution")).putObject("nodes").put("where", "local");
        client.json("PUT", "/api/sessions/" + session + "/workflow", body(doc), 200);
        assertEquals("local|", runAndSayWhere(session));
    }

    /** Runs the session and answers the Where node's one row, {@code backend|master}. */
    private String runAndSayWhere(String session) throws InterruptedException {
        client.json("POST", "/api/sessions/" + session + "/execute", TestSupport.JSON.createObjectNode(), 202);
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode v = client.get("/api/sessions/" + session);
        while (v.get("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            v = client.get("/api/sessions/" + session);
        }
        assertEquals("executed", v.at("/nodes/where/state").asText(), v.toString());
        JsonNode row = client.get("/api/sessions/" + session + "/nodes/where/outputs/0/table").at("/rows/0");
        return row.get(0).asText() + "|" + row.get(1).asText();
    }

    private static ObjectNode body(JsonNode document) {
        ObjectNode o = TestSupport.JSON.createObjectNode();
        o.set("document", document);
        return o;
    }
}
