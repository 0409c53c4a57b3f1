package dev.quiver.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One server-sent-events connection. Events are queued by the engine's worker threads (which must
 * never block on a slow browser) and written by the connection's own thread.
 */
final class EventStream {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A browser that falls this far behind has gone away; it reconnects and gets a fresh snapshot. */
    private static final int CAPACITY = 4096;
    private static final String CLOSE = "";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean overflowed;

    void send(String event, JsonNode data) {
        String text;
        try {
            text = "event: " + event + "\ndata: " + MAPPER.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!queue.offer(text)) {
            overflowed = true;
        }
    }

    void close() {
        queue.clear();
        queue.offer(CLOSE);
    }

    /** Writes events until the client goes away, the stream is closed or it overflowed. */
    void pump(OutputStream out, long keepAliveMillis) throws IOException, InterruptedException {
        out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (!overflowed) {
            String text = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
            if (text == CLOSE) {
                return;
            }
            // A comment line keeps proxies and the browser from timing the connection out.
            out.write((text == null ? ": keep-alive\n\n" : text).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
