package dev.quiver.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark driver, in its own JVM so that Spark's class path, JVM flags and shutdown hooks never
 * touch the Quiver process. Quiver writes one JSON command per line on stdin ({@code fit},
 * {@code score}, {@code cancel}, {@code stop}); the driver answers with JSON events on stdout and
 * exchanges the heavy bytes as files. Everything Spark prints goes to stderr. The end of stdin (Quiver
 * stopped or died) stops the driver, so it never outlives the process that started it.
 *
 * <p>Arguments: {@code --master URL --job-jar PATH [--conf key=value]...}.
 */
public final class Driver {
    private final PrintStream events;
    private final JavaSparkContext spark;
    private final FitJobs fits;
    private final ScoreJobs scores;

    private Driver(PrintStream events, JavaSparkContext spark) {
        this.events = events;
        this.spark = spark;
        this.fits = new FitJobs(spark, this::emit);
        this.scores = new ScoreJobs(spark, this::emit);
    }

    public static void main(String[] args) throws IOException {
        // Events own the real stdout; a library that prints must not corrupt them.
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> conf = new TreeMap<>();
        String master = "local[2]";
        String jobJar = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = args[++i];
                case "--job-jar" -> jobJar = args[++i];
                case "--conf" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--conf needs key=value, got '" + kv + "'");
                    }
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'. Usage: --master URL --job-jar PATH [--conf key=value]...");
            }
        }
        if (jobJar == null) {
            throw new IllegalArgumentException("--job-jar PATH is required: the jar executors load Quiver's code from");
        }
        SparkConf sparkConf = new SparkConf()
                .setMaster(master)
                .setAppName("Quiver")
                .setJars(new String[] {Path.of(jobJar).toAbsolutePath().toUri().toString()})
                .set("spark.ui.enabled", "false")
                .set("spark.log.level", "WARN")
                // Batch Score prepares (empties) its output folder itself, as the local stream does.
                .set("spark.hadoop.validateOutputSpecs", "false");
        conf.forEach(sparkConf::set);
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(sparkConf);
        } catch (RuntimeException e) {
            ObjectNode failed = WorkflowJson.mapper().createObjectNode();
            failed.put("event", "failed");
            failed.put("message", "Spark did not start on master " + master + ": " + FitTask.message(e));
            events.println(failed);
            throw e;
        }
        // A standalone master that never answered: Spark gives up after three attempts and stops the context in
        // a thread of its own, so look at what registration gives instead: an application id from the master
        // ("app-..."), or Spark's local fallback when there was none.
        if (spark.sc().isStopped()
                || master.startsWith("spark://") && !spark.sc().applicationId().startsWith("app-")) {
            ObjectNode failed = WorkflowJson.mapper().createObjectNode();
            failed.put("event", "failed");
            failed.put("message", "No Spark master answered at " + master + " (Spark gave up after three attempts)."
                    + " Check the URL (the master's web page shows it) and that the master is running and reachable.");
            events.println(failed);
            System.exit(1);
        }
        new Driver(events, spark).serve(master);
    }

    private void serve(String master) throws IOException {
        ObjectNode ready = WorkflowJson.mapper().createObjectNode();
        ready.put("event", "ready");
        ready.put("master", master);
        ready.put("applicationId", spark.sc().applicationId());
        ready.put("driver", dev.quiver.backend.spark.exchange.UnitOutcome.thisProcess());
        var types = ready.putArray("nodeTypes");
        ComponentScan.registry().all().forEach(f -> types.add(f.descriptor().id()));
        emit(ready);
        // Commands run on their own threads so that a cancel can arrive while a job runs.
        ExecutorService commands = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "quiver-command");
            t.setDaemon(true);
            return t;
        });
        try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode command = WorkflowJson.mapper().readTree(line);
                String op = command.path("op").asText();
                String id = command.path("id").asText();
                switch (op) {
                    case "fit" -> commands.submit(() -> guarded(id, () -> fits.run(command)));
                    case "score" -> commands.submit(() -> guarded(id, () -> scores.run(command)));
                    case "cancel" -> spark.cancelJobGroup(id);
                    case "stop" -> {
                        return;
                    }
                    default -> fail(id, "Unknown command '" + op + "'");
                }
            }
        } finally {
            commands.shutdownNow();
            spark.stop();
        }
    }

    private void guarded(String id, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            fail(id, FitTask.message(e));
        }
    }

    private void fail(String id, String message) {
        ObjectNode failed = WorkflowJson.mapper().createObjectNode();
        failed.put("event", "failed");
        failed.put("id", id);
        failed.put("message", message);
        emit(failed);
    }

    private synchronized void emit(ObjectNode event) {
        events.println(event.toString());
    }
}
