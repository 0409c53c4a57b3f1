package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.internal.QuiverServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quiver serve}: options, the printed address, blocking until stopped, and clear errors. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void servesUntilStoppedAndReturnsZero() throws Exception {
        Files.createDirectories(tmp.resolve("examples/demo"));
        var out = new ByteArrayOutputStream();
        var stop = new CountDownLatch(1);
        var started = new CompletableFuture<QuiverServer>();
        var cmd = new ServeCommand(TestSupport.registry(), new PrintStream(out, true, StandardCharsets.UTF_8), stop,
                started::complete);
        var exit = CompletableFuture.supplyAsync(() -> ServeCommand.run(cmd,
                new String[] {"--port", "0", "--workspace", tmp.toString()}, System.err));
        QuiverServer server = started.get(20, TimeUnit.SECONDS);
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode());
        assertTrue(info.body().contains("examples"), "examples/ inside the workspace is found: " + info.body());
        stop.countDown();
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Quiver editor: http://127.0.0.1:" + server.port() + "/"), printed);
        assertTrue(printed.contains("Ctrl-C"), printed);
    }

    @Test
    void aMissingExamplesFolderIsAClearError() {
        var err = new ByteArrayOutputStream();
        var cmd = new ServeCommand(TestSupport.registry(), System.out, new CountDownLatch(0), s -> { });
        int code = ServeCommand.run(cmd, new String[] {"--port", "0", "--workspace", tmp.toString(), "--examples",
                tmp.resolve("nope").toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theServiceDropsTheCommandNameTheLauncherPasses() {
        var err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new QuiverServeService(TestSupport.registry()).apply(new String[] {"serve", "--bogus"});
            assertEquals(2, code, "picocli's usage error code");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bogus"), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
