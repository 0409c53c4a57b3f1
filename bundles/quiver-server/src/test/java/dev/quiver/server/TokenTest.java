package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.TestSupport.Client;
import dev.quiver.server.internal.QuiverServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bound beyond the loopback address, every request needs the access token. */
class TokenTest {
    @TempDir
    Path tmp;

    @Test
    void nonLoopbackBindingRequiresTheToken() throws Exception {
        try (QuiverServer server = TestSupport.start(tmp, null, "0.0.0.0")) {
            assertTrue(server.tokenRequired());
            assertTrue(server.url().endsWith("?token=" + server.token()), server.url());
            Client client = new Client(server);
            HttpResponse<String> r = client.send("GET", "/api/nodes", null);
            assertEquals(401, r.statusCode());
            assertTrue(r.body().contains("X-Quiver-Token"), r.body());
            assertEquals(401, client.send("GET", "/", null).statusCode());
            client.token = "wrong";
            assertEquals(401, client.send("GET", "/api/nodes", null).statusCode());
            client.token = server.token();
            assertEquals(200, client.send("GET", "/api/nodes", null).statusCode());
            assertEquals(201, client.send("POST", "/api/sessions", TestSupport.JSON.createObjectNode()).statusCode());

            // Opening the printed URL sets a cookie the page and its event stream then carry.
            client.token = null;
            HttpResponse<String> open = client.http.send(HttpRequest.newBuilder(URI.create(client.base + "/?token="
                    + server.token())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, open.statusCode());
            String cookie = open.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> withCookie = client.http.send(HttpRequest.newBuilder(URI.create(client.base + "/api/info"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, withCookie.statusCode(), withCookie.body());
        }
    }

    @Test
    void loopbackBindingNeedsNoToken() {
        try (QuiverServer server = TestSupport.start(tmp, null, "127.0.0.1")) {
            assertEquals(false, server.tokenRequired());
            assertEquals(200, new Client(server).send("GET", "/api/info", null).statusCode());
        }
    }
}
