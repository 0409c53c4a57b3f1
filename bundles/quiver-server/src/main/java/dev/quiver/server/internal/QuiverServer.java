package dev.quiver.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.LocalBackend;
import dev.quiver.engine.component.ComponentExtractor;
import dev.quiver.engine.component.ComponentExtractor.Extraction;
import dev.quiver.engine.component.ComponentRegistry;
import dev.quiver.engine.component.Components;
import dev.quiver.engine.doc.ComponentDoc.ExposedSetting;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.NodeCatalog;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.PathPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editor's HTTP server: the REST API under {@code /api/} (see the module's README) and the
 * page's static files. Built on the JDK's own HTTP server so the editor adds no bundles.
 */
public final class QuiverServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuiverServer.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Open tabs kept at once; the least recently used idle one is dropped beyond this. */
    private static final int MAX_SESSIONS = 64;
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final long IDLE_MILLIS = 2 * 60 * 60 * 1000L;
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png",
            "image/png", "json", "application/json; charset=utf-8", "ico", "image/x-icon");
    /**
     * Vega compiles its expressions with the Function constructor, hence 'unsafe-eval'; vega-embed
     * injects its stylesheet, hence inline styles. Everything else comes from this server only.
     */
    private static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** How to serve: address, workspace and examples folders, and how many nodes run at once. */
    public record Config(String host, int port, Path workspace, Path examples, ExecutionOptions execution) {
        public Config {
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("Port " + port + " is out of range. Use 1–65535 (or 0 for any free port).");
            }
            execution = execution == null ? ExecutionOptions.defaults() : execution;
        }
    }

    private final NodeRegistry registry;
    private final Workspace workspace;
    private final Security security;
    private final String token;
    private final HttpServer http;
    private final ExecutorService threads;
    private final Config config;
    private final Map<String, EditorSession> sessions = new ConcurrentHashMap<>();
    private final List<EventStream> streams = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private QuiverServer(NodeRegistry registry, Config config) throws IOException {
        this.registry = registry;
        this.config = config;
        this.workspace = new Workspace(config.workspace(), config.examples());
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (IOException e) {
            throw new InvalidInputException("Host '" + config.host() + "' cannot be resolved (" + e.getMessage()
                    + "). Use an IP address such as 127.0.0.1 or 0.0.0.0.");
        }
        byte[] t = new byte[24];
        random.nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        this.security = new Security(token, !address.isLoopbackAddress());
        this.http = HttpServer.create(new InetSocketAddress(address, config.port()), 64);
        AtomicInteger n = new AtomicInteger();
        // Cached: each event stream holds a thread for as long as its tab is open.
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread th = new Thread(r, "quiver-http-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    /** Starts serving; {@link #close()} stops. */
    public static QuiverServer start(NodeRegistry registry, Config config) {
        try {
            QuiverServer s = new QuiverServer(registry, config);
            s.http.start();
            LOG.info("Serving {} on {}", s.workspace.root(), s.url());
            return s;
        } catch (java.net.BindException e) {
            throw new InvalidInputException("Cannot listen on " + config.host() + ":" + config.port() + " ("
                    + e.getMessage() + "). Another program uses the port: choose another with --port.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the server on " + config.host() + ":" + config.port(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    public boolean tokenRequired() {
        return security.tokenRequired();
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The address to open; carries the token when one is needed. */
    public String url() {
        InetAddress a = http.getAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/" + (tokenRequired() ? "?token=" + token : "");
    }

    public EditorSession session(String id) {
        EditorSession s = sessions.get(id);
        if (s == null) {
            throw HttpError.notFound("No editor session '" + id + "' (it expired or the server restarted)."
                    + " Create one with POST /api/sessions.");
        }
        return s;
    }

    @Override
    public void close() {
        streams.forEach(EventStream::close);
        sessions.values().forEach(EditorSession::cancel);
        http.stop(0);
        threads.shutdownNow();
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange he) {
        try (he) {
            Exchange ex;
            try {
                ex = new Exchange(he);
            } catch (HttpError e) {
                Exchange.rawError(he, e.status(), e.getMessage());
                return;
            }
            try {
                if (tokenRequired() && ex.method.equals("GET") && ex.segments.length == 1 && ex.segments[0].isEmpty()
                        && ex.query.containsKey("token") && security.matches(ex.query.get("token"))) {
                    // Opening the printed URL: keep the token in a cookie and drop it from the address bar.
                    he.getResponseHeaders().add("Set-Cookie", security.cookie());
                    he.getResponseHeaders().set("Location", "/");
                    ex.send(303, "text/plain; charset=utf-8", new byte[0]);
                    return;
                }
                security.check(he);
                if (ex.segments[0].equals("api")) {
                    he.getResponseHeaders().set("Cache-Control", "no-store");
                    api(ex);
                } else {
                    staticFile(ex);
                }
            } catch (HttpError e) {
                ex.error(e.status(), e.getMessage());
            } catch (InvalidInputException e) {
                ex.error(400, e.getMessage());
            } catch (UncheckedIOException e) {
                LOG.warn("I/O error serving {}", he.getRequestURI(), e);
                ex.error(500, e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: a node bundle updated under a running request; answer rather than drop the connection.
                LOG.error("Error serving {} {}", he.getRequestMethod(), he.getRequestURI(), e);
                ex.error(500, "Internal error: " + e + ". The server log has the details.");
            }
        } catch (IOException e) {
            LOG.debug("Client went away: {}", e.toString());
        }
    }

    private void api(Exchange ex) throws IOException {
        String[] s = ex.segments;
        String area = s.length > 1 ? s[1] : "";
        String m = ex.method;
        switch (area) {
            case "info" -> {
                requireMethod(ex, "GET");
                ObjectNode o = F.objectNode();
                o.put("workspace", workspace.root().toString());
                o.put("examples", workspace.examples().map(Path::toString).orElse(null));
                o.put("tokenRequired", tokenRequired());
                o.put("nodeTypes", registry.all().size());
                ex.json(200, o);
            }
            case "nodes" -> {
                requireMethod(ex, "GET");
                ex.json(200, catalog(ex.query.get("workflow")));
            }
            case "backends" -> {
                requireMethod(ex, "GET");
                ex.json(200, backends());
            }
            case "components" -> {
                requireMethod(ex, "POST");
                ex.json(201, createComponent(ex.bodyObject(), "true".equals(ex.query.get("overwrite"))));
            }
            case "workflows" -> workflows(ex);
            case "examples" -> {
                if (s.length == 2 && m.equals("GET")) {
                    ex.json(200, workspace.listExamples());
                } else if (s.length > 3 && s[s.length - 1].equals("open") && m.equals("POST")) {
                    String name = workspace.openExample(ex.rest(2, s.length - 1));
                    ObjectNode o = F.objectNode();
                    o.put("workflow", name);
                    ex.json(201, o);
                } else {
                    throw notRouted(ex);
                }
            }
            case "validate" -> {
                requireMethod(ex, "POST");
                ObjectNode body = ex.bodyObject();
                EditorSession scratch = new EditorSession("validate", workspace, registry, config.execution());
                ObjectNode v = scratch.update(workflowName(body), document(body));
                v.remove("session");
                ex.json(200, v);
            }
            case "sessions" -> sessions(ex);
            default -> throw notRouted(ex);
        }
    }

    /**
     * Where a workflow's heavy work can run: "local" (always there, so it is listed first) and the
     * installed backends, for the editor's Execution select. Read per request: in OSGi a backend
     * comes and goes with its feature.
     */
    private ArrayNode backends() {
        ArrayNode all = F.arrayNode();
        all.addObject().put("id", LocalBackend.ID).put("description",
                "This machine: the editor's own thread pool (the default).");
        for (ExecutionBackendFactory b : registry.backends()) {
            if (!b.id().equals(LocalBackend.ID)) {
                all.addObject().put("id", b.id()).put("description", b.description());
            }
        }
        return all;
    }

    /**
     * The palette: installed node types, the component port nodes and the components a workflow sees
     * (next to it and at the workspace root), each component with its file so the editor can open it.
     */
    private ArrayNode catalog(String workflowName) {
        ComponentRegistry components = componentRegistry(workflowName, 42);
        ArrayNode all = NodeCatalog.describeAll(components.all());
        for (JsonNode entry : all) {
            components.componentFile(entry.get("id").asText()).filter(f -> f.startsWith(workspace.root()))
                    .ifPresent(f -> ((ObjectNode) entry).put("file", workspace.nameOf(f)));
        }
        return all;
    }

    private ComponentRegistry componentRegistry(String workflowName, long seed) {
        Path base = workflowName == null ? workspace.root() : workspace.resolve(workflowName).getParent();
        return (ComponentRegistry) ComponentRegistry.forWorkflow(registry,
                PathPolicy.confined(base, workspace.root()), seed, null);
    }

    /**
     * Create component from a selection: {"workflow", "document", "nodes": [ids], "name", "title",
     * "exposed": [{"node", "setting", "name", "label"}]}. Writes the component file into the
     * workflow's components folder and answers with the rewritten document, which the editor
     * adopts as an undoable edit (the workflow file itself is saved by the user, as any edit).
     */
    private ObjectNode createComponent(ObjectNode body, boolean overwrite) {
        String workflowName = workflowName(body);
        WorkflowDocument doc = document(body);
        List<String> selected = new ArrayList<>();
        body.path("nodes").forEach(n -> selected.add(n.asText()));
        String stem = body.path("name").asText("");
        List<ExposedSetting> exposed = new ArrayList<>();
        for (JsonNode e : body.path("exposed")) {
            exposed.add(new ExposedSetting(e.path("name").asText(null), e.path("label").asText(null),
                    e.path("description").asText(null), e.path("node").asText(null), e.path("setting").asText(null)));
        }
        Extraction extraction = ComponentExtractor.extract(doc, componentRegistry(workflowName, doc.seed()), selected,
                stem, body.path("title").asText(null), exposed);
        Path file = Components.file(workspace.componentsFolder(workflowName), stem);
        if (!overwrite && Files.exists(file)) {
            throw HttpError.conflict("Component '" + stem + "' already exists (" + workspace.nameOf(file)
                    + "). Choose another name, or replace it.");
        }
        WorkflowJson.write(extraction.component(), file);
        ObjectNode o = F.objectNode();
        o.put("component", workspace.nameOf(file));
        o.put("node", extraction.componentNodeId());
        o.set("document", WorkflowJson.mapper().valueToTree(extraction.workflow()));
        return o;
    }

    private void workflows(Exchange ex) throws IOException {
        String[] s = ex.segments;
        String m = ex.method;
        if (s.length == 2 || (s.length == 3 && s[2].isEmpty())) {
            requireMethod(ex, "GET");
            ex.json(200, workspace.list());
            return;
        }
        if (m.equals("POST") && s[s.length - 1].equals("rename")) {
            String from = ex.rest(2, s.length - 1);
            JsonNode to = ex.bodyObject().get("to");
            if (to == null || !to.isTextual()) {
                throw HttpError.badRequest("Say the new name: {\"to\": \"new-name" + Workspace.SUFFIX + "\"}.");
            }
            workspace.rename(from, to.asText());
            ex.json(200, entry(to.asText()));
            return;
        }
        String name = ex.rest(2, s.length);
        switch (m) {
            case "GET" -> ex.json(200, WorkflowJson.mapper().valueToTree(workspace.load(name)));
            case "PUT" -> {
                WorkflowDocument doc = parseDocument(ex.body(), name);
                workspace.save(name, doc, !"false".equals(ex.query.get("overwrite")));
                ex.json(200, entry(name));
            }
            case "DELETE" -> {
                workspace.delete(name);
                ex.json(200, entry(name));
            }
            default -> throw notRouted(ex);
        }
    }

    private static ObjectNode entry(String name) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        return o;
    }

    private void sessions(Exchange ex) throws IOException {
        String[] s = ex.segments;
        String m = ex.method;
        if (s.length == 2) {
            requireMethod(ex, "POST");
            ObjectNode body = ex.bodyObject();
            EditorSession session = newSession();
            ObjectNode v = body.has("document") || body.has("workflow") && !body.get("workflow").isNull()
                    ? session.update(workflowName(body), body.has("document") ? document(body)
                            : workspace.load(workflowName(body)))
                    : session.validation();
            ex.json(201, v);
            return;
        }
        EditorSession session = session(s[2]);
        session.touch();
        String action = s.length > 3 ? s[3] : "";
        switch (action) {
            case "" -> {
                if (m.equals("DELETE")) {
                    session.cancel();
                    sessions.remove(session.id());
                    ex.json(200, entry(session.id()));
                } else {
                    requireMethod(ex, "GET");
                    ex.json(200, session.validation());
                }
            }
            case "workflow" -> {
                requireMethod(ex, "PUT");
                ObjectNode body = ex.bodyObject();
                ex.json(200, session.update(workflowName(body), document(body)));
            }
            case "execute" -> {
                requireMethod(ex, "POST");
                ObjectNode body = ex.bodyObject();
                List<String> targets = new ArrayList<>();
                JsonNode nodes = body.get("nodes");
                if (nodes != null && nodes.isArray()) {
                    nodes.forEach(n -> targets.add(n.asText()));
                } else if (nodes != null && !nodes.isNull()) {
                    throw HttpError.badRequest("'nodes' must be a list of node ids, or absent to run every node.");
                }
                session.execute(targets);
                ObjectNode o = F.objectNode();
                o.put("started", true);
                ex.json(202, o);
            }
            case "cancel" -> {
                requireMethod(ex, "POST");
                session.cancel();
                ObjectNode o = F.objectNode();
                o.put("canceled", true);
                ex.json(202, o);
            }
            case "events" -> {
                requireMethod(ex, "GET");
                events(ex, session);
            }
            case "nodes" -> {
                requireMethod(ex, "GET");
                if (s.length == 6 && s[5].equals("outputs")) {
                    ex.json(200, session.outputs(s[4]));
                } else if (s.length == 8 && s[5].equals("outputs") && s[7].equals("table")) {
                    ex.json(200, session.table(s[4], s[6], ex.intParam("offset", 0), ex.intParam("limit", 50),
                            ex.query.get("sort"), "true".equals(ex.query.get("desc"))));
                } else {
                    throw notRouted(ex);
                }
            }
            default -> throw notRouted(ex);
        }
    }

    private EditorSession newSession() {
        // Closed tabs leave sessions behind with their cached outputs; drop those idle for long.
        long cutoff = System.currentTimeMillis() - IDLE_MILLIS;
        sessions.values().removeIf(x -> !x.hasListeners() && !x.isRunning() && x.lastUsed() < cutoff);
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().filter(x -> !x.hasListeners() && !x.isRunning())
                    .min(Comparator.comparingLong(EditorSession::lastUsed))
                    .ifPresentOrElse(x -> sessions.remove(x.id()), () -> {
                        throw new HttpError(503, MAX_SESSIONS + " editor tabs are open and busy. Close some tabs.");
                    });
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        EditorSession session = new EditorSession(id, workspace, registry, config.execution());
        sessions.put(id, session);
        return session;
    }

    private void events(Exchange ex, EditorSession session) throws IOException {
        HttpExchange he = ex.http;
        he.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        he.getResponseHeaders().set("Cache-Control", "no-store");
        he.getResponseHeaders().set("X-Accel-Buffering", "no");
        he.sendResponseHeaders(200, 0);
        EventStream stream = new EventStream();
        streams.add(stream);
        session.subscribe(stream);
        try (OutputStream out = he.getResponseBody()) {
            stream.pump(out, KEEP_ALIVE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.unsubscribe(stream);
            streams.remove(stream);
        }
    }

    private static String workflowName(ObjectNode body) {
        JsonNode n = body.get("workflow");
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    private static WorkflowDocument document(ObjectNode body) {
        JsonNode d = body.get("document");
        if (d == null || d.isNull()) {
            return WorkflowDocument.empty();
        }
        return parseDocument(d, "The document");
    }

    private static WorkflowDocument parseDocument(JsonNode json, String source) {
        if (!json.isObject()) {
            throw HttpError.badRequest(source + " must be a workflow document (a JSON object), was "
                    + json.getNodeType() + ".");
        }
        ObjectNode copy = ((ObjectNode) json).deepCopy();
        if (!copy.has("format")) {
            copy.put("format", WorkflowDocument.FORMAT);
        }
        if (!copy.has("formatVersion")) {
            copy.put("formatVersion", WorkflowDocument.CURRENT_FORMAT_VERSION);
        }
        return WorkflowJson.parse(copy.toString(), source);
    }

    private static void requireMethod(Exchange ex, String method) {
        if (!ex.method.equals(method) && !(method.equals("GET") && ex.method.equals("HEAD"))) {
            throw new HttpError(405, ex.method + " is not allowed on " + ex.http.getRequestURI().getPath() + "; use "
                    + method + ".");
        }
    }

    private static HttpError notRouted(Exchange ex) {
        return HttpError.notFound("No API endpoint " + ex.method + " " + ex.http.getRequestURI().getPath()
                + ". The editor's README lists the endpoints.");
    }

    // ---------------------------------------------------------------- static files

    private void staticFile(Exchange ex) throws IOException {
        if (!ex.method.equals("GET") && !ex.method.equals("HEAD")) {
            throw new HttpError(405, ex.method + " is not allowed on static files.");
        }
        String path = ex.rest(0, ex.segments.length);
        if (path.isEmpty()) {
            path = "index.html";
        }
        if (path.contains("..") || path.startsWith("/") || path.contains("\\")) {
            throw HttpError.notFound("No file " + path);
        }
        URL url = QuiverServer.class.getClassLoader().getResource("web/" + path);
        if (url == null || path.endsWith("/")) {
            throw HttpError.notFound("No file /" + path);
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        ex.http.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.http.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.http.getResponseHeaders().set("X-Frame-Options", "DENY");
        // Page code changes with the bundle; vendor files are pinned by version in the build.
        ex.http.getResponseHeaders().set("Cache-Control", path.startsWith("vendor/") ? "max-age=86400" : "no-cache");
        ex.send(200, CONTENT_TYPES.getOrDefault(ext, "application/octet-stream"), bytes);
    }
}
