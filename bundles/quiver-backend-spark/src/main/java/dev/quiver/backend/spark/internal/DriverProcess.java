package dev.quiver.backend.spark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark driver JVM and the line protocol to it. Started with the options Spark's own launcher
 * gives a driver on Java 17; its stderr (Spark's log) goes to {@code driver.log} in the exchange
 * directory, whose tail is quoted when something fails. {@link #close} stops it and every process it
 * started, whatever state it is in.
 */
final class DriverProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverProcess.class);

    /** What Spark's launcher adds for Java 17 (see SparkLauncher / JavaModuleOptions). */
    static final List<String> JAVA_17_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private static final long START_TIMEOUT_SECONDS = 180;

    private final Path exchange;
    private final Process process;
    private final BufferedWriter commands;
    private final Map<String, BlockingQueue<JsonNode>> listeners = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> startup = new LinkedBlockingQueue<>();
    private final Set<String> nodeTypes;
    private final String driver;
    private volatile boolean closed;

    /** Starts the driver and waits until it is ready; {@code canceled} aborts the wait (and stops the JVM). */
    DriverProcess(SparkRuntime runtime, String master, Map<String, String> sparkConf, String driverMemory,
            java.util.function.BooleanSupplier canceled) {
        try {
            exchange = Files.createTempDirectory("quiver-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the exchange directory for the Spark driver", e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPTIONS);
        if (driverMemory != null) {
            command.add("-Xmx" + driverMemory);
        }
        command.add("-cp");
        command.add(runtime.classPath());
        command.add("dev.quiver.spark.Driver");
        command.add("--master");
        command.add(master);
        command.add("--job-jar");
        command.add(runtime.jobJar().toString());
        sparkConf.forEach((k, v) -> {
            command.add("--conf");
            command.add(k + "=" + v);
        });
        var builder = new ProcessBuilder(command)
                .redirectError(exchange.resolve("driver.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        // The job jar travels to executors; Spark's own launcher scripts are not involved.
        builder.environment().putIfAbsent("SPARK_SCALA_VERSION", "2.13");
        LOG.info("Starting the Spark driver for master {} (exchange {})", master, exchange);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Spark driver JVM: " + e.getMessage(), e);
        }
        commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readEvents, "quiver-spark-events");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = awaitReady(master, canceled);
        var types = new java.util.TreeSet<String>();
        ready.path("nodeTypes").forEach(t -> types.add(t.asText()));
        nodeTypes = Set.copyOf(types);
        driver = ready.path("driver").asText();
        LOG.info("Spark driver {} ready: application {} on {}", driver, ready.path("applicationId").asText(), master);
    }

    private JsonNode awaitReady(String master, java.util.function.BooleanSupplier canceled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                if (canceled.getAsBoolean()) {
                    close();
                    throw new dev.quiver.api.CanceledException();
                }
                JsonNode event = startup.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    if ("ready".equals(event.path("event").asText())) {
                        return event;
                    }
                    String why = event.path("message").asText() + diagnostics();
                    close();
                    throw new InvalidInputException(why);
                }
                if (!process.isAlive() && startup.isEmpty()) {
                    Thread.sleep(200); // the reader may still be handing over the last line
                    if (startup.isEmpty()) {
                        String why = "The Spark driver for master " + master + " exited with code "
                                + process.exitValue() + " before it was ready." + diagnostics();
                        close();
                        throw new InvalidInputException(why);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new dev.quiver.api.CanceledException();
        }
        String why = "The Spark driver did not connect to master " + master + " within " + START_TIMEOUT_SECONDS
                + " s. Check the master URL and that the cluster has free cores." + diagnostics();
        close();
        throw new InvalidInputException(why);
    }

    private void readEvents() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode event;
                try {
                    event = WorkflowJson.mapper().readTree(line);
                } catch (IOException e) {
                    LOG.warn("Spark driver printed a line that is not an event: {}", line);
                    continue;
                }
                String id = event.path("id").asText(null);
                BlockingQueue<JsonNode> listener = id == null ? null : listeners.get(id);
                if (listener != null) {
                    listener.add(event);
                } else {
                    startup.add(event);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Lost the Spark driver's event stream", e);
            }
        }
        // The driver is gone: wake every waiting command.
        ObjectNode gone = WorkflowJson.mapper().createObjectNode();
        gone.put("event", "exited");
        listeners.values().forEach(q -> q.add(gone));
    }

    /** Sends a command; events with its id arrive on the returned queue until {@link #forget}. */
    synchronized BlockingQueue<JsonNode> send(ObjectNode command) {
        String id = command.path("id").asText();
        var queue = new LinkedBlockingQueue<JsonNode>();
        listeners.put(id, queue);
        write(command);
        return queue;
    }

    synchronized void write(ObjectNode command) {
        if (!process.isAlive()) {
            throw new InvalidInputException("The Spark driver has exited (code " + process.exitValue() + ")."
                    + diagnostics());
        }
        try {
            commands.write(command.toString());
            commands.newLine();
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the Spark driver: " + e.getMessage() + diagnostics(), e);
        }
    }

    void forget(String id) {
        listeners.remove(id);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path exchange() {
        return exchange;
    }

    /** Node types the job jar can re-create on executors. */
    Set<String> nodeTypes() {
        return nodeTypes;
    }

    /** The driver JVM as pid@host. */
    String driver() {
        return driver;
    }

    /**
     * The driver log's last errors (or last lines), for error messages. Quoted, not referred to: the
     * exchange directory and its log go when the backend closes (unless -Dquiver.spark.keepExchange=true).
     */
    String diagnostics() {
        Path log = exchange.resolve("driver.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> relevant = lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception")
                    || l.startsWith("Caused by")).distinct().toList();
            List<String> tail = relevant.isEmpty() ? lines : relevant;
            tail = tail.subList(Math.max(0, tail.size() - 6), tail.size());
            return tail.isEmpty() ? "" : " Spark driver log:\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the driver, politely first; then every process it left behind, forcibly. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.descendants().toList();
        try {
            if (process.isAlive()) {
                commands.write("{\"op\":\"stop\"}");
                commands.newLine();
                commands.close();
            }
        } catch (IOException e) {
            // Already gone: nothing to ask politely.
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOG.warn("The Spark driver did not stop within 20 s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stream.concat(children.stream(), process.descendants()).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!Boolean.getBoolean("quiver.spark.keepExchange")) {
            deleteTree(exchange);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", dir, e);
        }
    }
}
