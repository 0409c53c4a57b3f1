package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.server.TestSupport.Client;
import dev.quiver.server.internal.QuiverServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API in-process, on a free loopback port, against real iris nodes and the test kit's sample nodes. */
class RestApiTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path examples;
    QuiverServer server;
    Client client;

    @BeforeEach
    void start() throws IOException {
        workspace = tmp.resolve("ws");
        examples = tmp.resolve("examples");
        TestSupport.copyIris(workspace);
        TestSupport.copyIris(examples.resolve("iris"));
        Files.writeString(examples.resolve("iris/iris.quiver.json"),
                TestSupport.irisDocument("iris.csv").toString());
        server = TestSupport.start(workspace, examples, "127.0.0.1");
        client = new Client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ObjectNode body(Object... kv) {
        ObjectNode o = TestSupport.JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], TestSupport.JSON.valueToTree(kv[i + 1]));
        }
        return o;
    }

    @Test
    void catalogueListsNodesWithPortsAndSchemas() {
        JsonNode nodes = client.get("/api/nodes");
        JsonNode lr = null;
        for (JsonNode n : nodes) {
            if (n.get("id").asText().equals("quiver.tribuo.logistic-regression")) {
                lr = n;
            }
        }
        assertTrue(lr != null, "logistic regression in " + nodes);
        assertEquals("quiver.learner", lr.at("/outputs/0/type").asText());
        assertEquals("Learner", lr.at("/outputs/0/typeName").asText());
        assertEquals(100000, lr.at("/settingsSchema/properties/epochs/maximum").asInt());
        JsonNode add = findNode(nodes, "test.add");
        assertTrue(add.at("/settingsSchema/properties/column/x-quiver-column").isObject());
        assertEquals("quiver.table", add.at("/inputs/0/type").asText());
    }

    private static JsonNode findNode(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id);
    }

    @Test
    void saveLoadRenameDelete() throws IOException {
        ObjectNode doc = TestSupport.irisDocument("iris.csv");
        client.json("PUT", "/api/workflows/flows/iris.quiver.json", doc, 200);
        Path file = workspace.resolve("flows/iris.quiver.json");
        assertTrue(Files.isRegularFile(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "the atomic save leaves no temporary file behind");
        }
        JsonNode listed = client.get("/api/workflows");
        assertEquals("flows/iris.quiver.json", listed.get(0).get("name").asText());
        assertEquals("Iris", listed.get(0).get("title").asText());
        assertEquals(8, listed.get(0).get("nodes").asInt());

        JsonNode loaded = client.get("/api/workflows/flows/iris.quiver.json");
        assertEquals(doc.get("nodes").size(), loaded.get("nodes").size());
        assertEquals(50, loaded.at("/nodes/4/settings/epochs").asInt());

        // Saving again replaces the file in one move: a reader never sees half a file.
        ((ObjectNode) doc.get("metadata")).put("title", "Iris v2");
        client.json("PUT", "/api/workflows/flows/iris.quiver.json", doc, 200);
        assertTrue(Files.readString(file).contains("Iris v2"));
        assertEquals(409, client.send("PUT", "/api/workflows/flows/iris.quiver.json?overwrite=false", doc).statusCode());

        client.json("POST", "/api/workflows/flows/iris.quiver.json/rename", body("to", "renamed.quiver.json"), 200);
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(workspace.resolve("renamed.quiver.json")));
        assertEquals(404, client.send("GET", "/api/workflows/flows/iris.quiver.json", null).statusCode());

        client.json("DELETE", "/api/workflows/renamed.quiver.json", null, 200);
        assertFalse(Files.exists(workspace.resolve("renamed.quiver.json")));
        assertEquals(0, client.get("/api/workflows").size());
    }

    @Test
    void workflowNamesOutsideTheWorkspaceAreRefused() {
        ObjectNode doc = TestSupport.irisDocument("iris.csv");
        for (String bad : List.of("../escape.quiver.json", "a/../../escape.quiver.json", "%2Ftmp%2Fx.quiver.json",
                "notes.txt")) {
            HttpResponse<String> r = client.send("PUT", "/api/workflows/" + bad, doc);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(r.body().contains("workspace") || r.body().contains(".quiver.json"), r.body());
        }
        assertFalse(Files.exists(tmp.resolve("escape.quiver.json")));
    }

    @Test
    void dataPathsOutsideTheWorkspaceAreRefused() {
        Path outside = tmp.resolve("outside.csv");
        for (String path : List.of("../examples/iris/iris.csv", outside.toString())) {
            JsonNode v = client.json("POST", "/api/validate", body("document", TestSupport.irisDocument(path)), 200);
            JsonNode reader = v.at("/nodes/reader");
            assertTrue(reader.get("error").asBoolean(), v.toString());
            assertTrue(reader.get("message").asText().contains("outside the workspace"), reader.toString());
            assertTrue(reader.get("message").asText().contains("Use a path inside the workspace"), reader.toString());
        }
    }

    @Test
    void validateReportsSpecsAndTheNodesOwnErrors() {
        ObjectNode doc = TestSupport.irisDocument("iris.csv");
        JsonNode v = client.json("POST", "/api/validate", body("document", doc), 200);
        assertEquals("configured", v.at("/nodes/reader/state").asText(), v.toString());
        JsonNode cols = v.at("/nodes/reader/outputs/0/columns");
        assertEquals(5, cols.size());
        assertEquals("sepal_length", cols.get(0).get("name").asText());
        assertEquals("double", cols.get(0).get("type").asText());
        assertEquals("string", cols.get(4).get("type").asText());
        // Downstream nodes see those columns as their input specs: the form's column pickers.
        assertEquals(5, v.at("/nodes/partition/inputs/0/columns").size());

        // A wrong column and a missing file: each node says what to fix.
        ((ObjectNode) doc.at("/nodes/7")).putObject("settings").put("predictedColumn", "nope");
        JsonNode bad = client.json("POST", "/api/validate", body("document", TestSupport.irisDocument("missing.csv")), 200);
        assertTrue(bad.at("/nodes/reader/error").asBoolean());
        assertTrue(bad.at("/nodes/reader/message").asText().contains("missing.csv"), bad.at("/nodes/reader").toString());

        // A wire between incompatible ports is refused with a problem naming both types.
        ObjectNode wrong = TestSupport.irisDocument("iris.csv");
        TestSupport.wire(wrong.withArray("connections"), "lr", "learner", "scorer", "table");
        JsonNode w = client.json("POST", "/api/validate", body("document", wrong), 200);
        String problems = w.get("problems").toString();
        assertTrue(problems.contains("is a Learner") && problems.contains("expects a Table"), problems);

        // Settings outside their bounds: the settings binding's own message.
        ObjectNode range = TestSupport.irisDocument("iris.csv");
        ((ObjectNode) range.at("/nodes/4/settings")).put("epochs", 0);
        JsonNode r = client.json("POST", "/api/validate", body("document", range), 200);
        assertTrue(r.at("/nodes/lr/error").asBoolean(), r.at("/nodes/lr").toString());
        assertTrue(r.at("/nodes/lr/message").asText().toLowerCase().contains("epochs"), r.at("/nodes/lr").toString());
    }

    /** Opens a session on the iris workflow and subscribes to its events. */
    private String openSession(ObjectNode doc, BlockingQueue<String> events) {
        JsonNode s = client.json("POST", "/api/sessions", body("document", doc), 201);
        String id = s.get("session").asText();
        HttpRequest req = HttpRequest.newBuilder(URI.create(client.base + "/api/sessions/" + id + "/events")).build();
        client.http.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(line -> {
                    if (line.startsWith("event: ")) {
                        events.add(line.substring(7));
                    } else if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                    }
                }));
        return id;
    }

    private static List<String> awaitEvent(BlockingQueue<String> events, String name, List<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String e = events.poll(1, TimeUnit.SECONDS);
            if (e == null) {
                continue;
            }
            seen.add(e);
            if (e.equals(name)) {
                seen.add(events.poll(5, TimeUnit.SECONDS));
                return seen;
            }
        }
        throw new AssertionError("no '" + name + "' event; saw " + seen);
    }

    @Test
    void executeStreamsStatesAndProgressThenServesTablesAndCharts() throws InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String id = openSession(TestSupport.irisDocument("iris.csv"), events);
        List<String> seen = awaitEvent(events, "validated", new ArrayList<>());
        client.json("POST", "/api/sessions/" + id + "/execute", body(), 202);
        awaitEvent(events, "run-finished", seen);
        String finished = seen.get(seen.size() - 1);
        assertTrue(finished.contains("\"success\":true"), finished);
        assertTrue(seen.contains("run-started"), seen.toString());
        assertTrue(seen.stream().anyMatch(e -> e.contains("\"node\":\"train\"") && e.contains("\"state\":\"executing\"")), seen.toString());
        assertTrue(seen.stream().anyMatch(e -> e.contains("\"node\":\"scorer\"") && e.contains("\"state\":\"executed\"")), seen.toString());
        assertTrue(seen.contains("progress"), "Train reports its epochs: " + seen);

        JsonNode out = client.get("/api/sessions/" + id + "/nodes/scorer/outputs");
        assertEquals("metrics", out.at("/ports/0/name").asText());
        assertTrue(out.at("/ports/0/table").asBoolean());
        assertEquals(3, out.get("charts").size(), "confusion matrix, F1 bars, ROC");
        JsonNode vl = out.at("/charts/0/vegaLite");
        assertEquals("https://vega.github.io/schema/vega-lite/v5.json", vl.get("$schema").asText());
        assertTrue(vl.at("/data/values").size() > 0);

        JsonNode metrics = client.get("/api/sessions/" + id + "/nodes/scorer/outputs/metrics/table?limit=100");
        double accuracy = -1;
        for (JsonNode row : metrics.get("rows")) {
            if (row.get(0).asText().equals("accuracy")) {
                accuracy = row.get(1).asDouble();
            }
        }
        assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);

        // Paging and sorting over the whole table.
        JsonNode page = client.get("/api/sessions/" + id + "/nodes/reader/outputs/table/table?offset=140&limit=20");
        assertEquals(150, page.get("rowCount").asInt());
        assertEquals(10, page.get("rows").size());
        assertEquals("double", page.at("/columns/0/type").asText());
        JsonNode sorted = client.get("/api/sessions/" + id
                + "/nodes/reader/outputs/table/table?offset=0&limit=3&sort=sepal_length&desc=true");
        assertEquals(7.9, sorted.at("/rows/0/0").asDouble(), 1e-9);
        assertEquals(400, client.send("GET", "/api/sessions/" + id
                + "/nodes/reader/outputs/table/table?sort=nope", null).statusCode());
        assertEquals(404, client.send("GET", "/api/sessions/" + id + "/nodes/ghost/outputs", null).statusCode());

        // A settings change re-runs only that node and its descendants: the reader keeps its output.
        ObjectNode changed = TestSupport.irisDocument("iris.csv");
        ((ObjectNode) changed.at("/nodes/4/settings")).put("epochs", 20);
        JsonNode v = client.json("PUT", "/api/sessions/" + id + "/workflow", body("document", changed), 200);
        assertTrue(v.at("/nodes/reader/hasResult").asBoolean(), v.toString());
        assertFalse(v.at("/nodes/scorer/hasResult").asBoolean(), v.toString());
    }

    @Test
    void runToHereExecutesOnlyTheNodeAndItsUpstream() throws InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String id = openSession(TestSupport.irisDocument("iris.csv"), events);
        // The stream's first event proves the subscription is live; a run started before it could
        // finish unseen, since events are not replayed.
        List<String> seen = awaitEvent(events, "validated", new ArrayList<>());
        client.json("POST", "/api/sessions/" + id + "/execute", body("nodes", List.of("partition")), 202);
        awaitEvent(events, "run-finished", seen);
        JsonNode v = client.get("/api/sessions/" + id);
        assertTrue(v.at("/nodes/partition/hasResult").asBoolean());
        assertTrue(v.at("/nodes/reader/hasResult").asBoolean());
        assertFalse(v.at("/nodes/normalizer/hasResult").asBoolean());
        assertFalse(v.at("/nodes/lr/hasResult").asBoolean());
    }

    @Test
    void cancelStopsARun() throws InterruptedException {
        ObjectNode doc = TestSupport.JSON.createObjectNode();
        var nodes = doc.putArray("nodes");
        TestSupport.addNode(nodes, "source", "test.source", 0, 0);
        TestSupport.addNode(nodes, "slow", "test.slow", 200, 0).putObject("settings").put("steps", 5000);
        TestSupport.wire(doc.putArray("connections"), "source", "table", "slow", "table");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String id = openSession(doc, events);
        awaitEvent(events, "validated", new ArrayList<>()); // the subscription is live
        client.json("POST", "/api/sessions/" + id + "/execute", body(), 202);
        awaitEvent(events, "progress", new ArrayList<>());
        assertEquals(409, client.send("POST", "/api/sessions/" + id + "/execute", body()).statusCode(),
                "one run at a time");
        long start = System.nanoTime();
        client.json("POST", "/api/sessions/" + id + "/cancel", body(), 202);
        List<String> seen = awaitEvent(events, "run-finished", new ArrayList<>());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        assertTrue(seen.get(seen.size() - 1).contains("\"canceled\":true"), seen.toString());
        assertFalse(client.get("/api/sessions/" + id).at("/nodes/slow/hasResult").asBoolean());
    }

    @Test
    void examplesAreListedAndOpenedIntoTheWorkspace() {
        JsonNode list = client.get("/api/examples");
        assertEquals("iris/iris.quiver.json", list.get(0).get("name").asText());
        JsonNode opened = client.json("POST", "/api/examples/iris/iris.quiver.json/open", body(), 201);
        assertEquals("iris/iris.quiver.json", opened.get("workflow").asText());
        assertTrue(Files.exists(workspace.resolve("iris/iris.csv")), "data comes along");
        JsonNode again = client.json("POST", "/api/examples/iris/iris.quiver.json/open", body(), 201);
        assertEquals("iris-2/iris.quiver.json", again.get("workflow").asText(), "never overwrites an earlier copy");
        // The copy runs where it landed: its relative data path resolves next to it.
        JsonNode s = client.json("POST", "/api/sessions", body("workflow", "iris-2/iris.quiver.json"), 201);
        assertEquals("configured", s.at("/nodes/reader/state").asText(), s.toString());
        assertEquals(400, client.send("POST", "/api/examples/..%2F..%2Fetc/x.quiver.json/open", body()).statusCode());
    }

    @Test
    void stateChangingRequestsNeedTheCustomHeaderAndTheSameOrigin() {
        client.csrfHeader = false;
        HttpResponse<String> r = client.send("PUT", "/api/workflows/x.quiver.json", TestSupport.irisDocument("iris.csv"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("X-Requested-With"), r.body());
        assertFalse(Files.exists(workspace.resolve("x.quiver.json")));
        client.csrfHeader = true;
        assertEquals(403, client.send("DELETE", "/api/workflows/x.quiver.json", null, "Origin", "http://evil.example")
                .statusCode());
        assertEquals(403, client.send("POST", "/api/sessions", body(), "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(201, client.send("POST", "/api/sessions", body(), "Origin", client.base, "Sec-Fetch-Site",
                "same-origin").statusCode());
        // Reading needs no header, so the page and EventSource work.
        client.csrfHeader = false;
        assertEquals(200, client.send("GET", "/api/nodes", null).statusCode());
    }

    @Test
    void loopbackServerRefusesForeignHostNames() throws IOException {
        // DNS rebinding: a page on evil.example resolving to 127.0.0.1 would send Host: evil.example.
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /api/nodes HTTP/1.1\r\nHost: evil.example:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
        }
    }

    @Test
    void staticPageIsServedWithASecurityPolicy() {
        HttpResponse<String> r = client.send("GET", "/", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<title>Quiver</title>"));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, client.send("GET", "/vendor/vega-embed.min.js", null).statusCode(),
                "the chart library is inside the bundle");
        assertEquals(404, client.send("GET", "/../pom.xml", null).statusCode());
    }

    @Test
    void aFailingNodeFailsAloneWithItsMessage() throws InterruptedException, IOException {
        // Type inference sees only the first row; the third row's text breaks the numeric column.
        Files.writeString(workspace.resolve("bad.csv"), "a,b\n1,x\n2,y\noops,z\n");
        ObjectNode doc = TestSupport.JSON.createObjectNode();
        var nodes = doc.putArray("nodes");
        TestSupport.addNode(nodes, "reader", "quiver.io.csv-reader", 0, 0).putObject("settings")
                .put("path", "bad.csv").put("typeInferenceRows", 1);
        TestSupport.addNode(nodes, "source", "test.source", 0, 200);
        TestSupport.addNode(nodes, "add", "test.add", 200, 200);
        TestSupport.wire(doc.putArray("connections"), "source", "table", "add", "table");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String id = openSession(doc, events);
        List<String> seen = awaitEvent(events, "validated", new ArrayList<>()); // the subscription is live
        client.json("POST", "/api/sessions/" + id + "/execute", body(), 202);
        awaitEvent(events, "run-finished", seen);
        assertTrue(seen.get(seen.size() - 1).contains("\"success\":false"), seen.toString());
        JsonNode v = client.get("/api/sessions/" + id);
        assertEquals("failed", v.at("/nodes/reader/state").asText(), v.toString());
        assertTrue(v.at("/nodes/reader/error").asBoolean());
        assertTrue(v.at("/nodes/reader/message").asText().contains("oops"), v.at("/nodes/reader").toString());
        assertEquals("executed", v.at("/nodes/add/state").asText(), "the other branch still runs");
    }
}
