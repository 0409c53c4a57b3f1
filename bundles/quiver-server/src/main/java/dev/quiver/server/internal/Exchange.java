package dev.quiver.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small conveniences over {@link HttpExchange}: JSON in and out, query parameters, path segments. */
final class Exchange {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 16 << 20;

    final HttpExchange http;
    final String method;
    final String[] segments;
    final Map<String, String> query;

    Exchange(HttpExchange http) {
        this.http = http;
        this.method = http.getRequestMethod();
        String raw = http.getRequestURI().getRawPath();
        String[] parts = raw.replaceAll("^/+", "").split("/", -1);
        this.segments = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = decode(parts[i]);
        }
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Malformed percent-encoding in '" + s + "'.");
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                String[] p = kv.split("=", 2);
                out.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    /** Segments {@code from} to the end joined by '/': workflow names may contain folders. */
    String rest(int from, int toExclusive) {
        return String.join("/", java.util.Arrays.copyOfRange(segments, from, toExclusive));
    }

    int intParam(String name, int dflt) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Query parameter '" + name + "' is '" + v + "', but must be a whole number.");
        }
    }

    JsonNode body() {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new HttpError(413, "The request body is larger than " + (MAX_BODY >> 20) + " MB.");
            }
            if (bytes.length == 0) {
                return JsonNodeFactory.instance.objectNode();
            }
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "Could not read the request body: " + e.getMessage());
        }
    }

    ObjectNode bodyObject() {
        JsonNode b = body();
        if (!b.isObject()) {
            throw HttpError.badRequest("The request body must be a JSON object, was " + b.getNodeType() + ".");
        }
        return (ObjectNode) b;
    }

    void json(int status, JsonNode body) throws IOException {
        send(status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body));
    }

    void error(int status, String message) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", message);
        o.put("status", status);
        json(status, o);
    }

    /** For requests too malformed to wrap. */
    static void rawError(HttpExchange he, int status, String message) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", message);
        o.put("status", status);
        byte[] body = MAPPER.writeValueAsBytes(o);
        he.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        he.sendResponseHeaders(status, body.length);
        try (OutputStream out = he.getResponseBody()) {
            out.write(body);
        }
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = method.equals("HEAD");
        http.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
