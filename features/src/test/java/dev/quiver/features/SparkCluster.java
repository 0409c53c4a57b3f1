package dev.quiver.features;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and one-core Workers, started with
 * {@code java -cp} over the distribution's own Spark jars (spark/lib), each Worker with a SPARK_HOME
 * that has those jars under jars/ and a RELEASE file, which is how a Worker finds the class path for the
 * executors it launches. {@link #close} (and a shutdown hook, should the test JVM die first) kills
 * every process it started and every process they started.
 */
final class SparkCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(90);

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final Thread hook = new Thread(this::killAll, "spark-cluster-cleanup");
    private String masterUrl;

    private SparkCluster(Path dir) {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static SparkCluster start(Path sparkLib, int workers, Path dir) throws IOException {
        var cluster = new SparkCluster(dir);
        try {
            cluster.startAll(sparkLib.toAbsolutePath(), workers);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(Path sparkLib, int workers) throws IOException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("jars"), sparkLib);
        Files.writeString(home.resolve("RELEASE"), "Spark 3.5.8 (the Quiver distribution's spark/lib)\n");
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Path masterLog = dir.resolve("master.log");
        start(home, sparkLib, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitLine(masterLog, "I have been elected leader");
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            Path log = dir.resolve("worker-" + w + ".log");
            start(home, sparkLib, log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                    "--work-dir", work.toString(), masterUrl);
            awaitLine(log, "Successfully registered with master");
        }
    }

    private void start(Path home, Path sparkLib, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", sparkLib + "/*", mainClass));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
        processes.add(builder.start());
    }

    private void awaitLine(Path log, String marker) throws IOException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
                return;
            }
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                throw new IllegalStateException("A Spark process exited while starting:\n" + tail(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No '" + marker + "' in " + log + " within " + READY + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The executor JVMs the Workers run right now. */
    List<ProcessHandle> executors() {
        return processes.stream().flatMap(Process::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void killAll() {
        // Children first, listed before anything dies: a killed Worker's executors would be re-parented.
        List<ProcessHandle> all = processes.stream()
                .flatMap(p -> Stream.concat(p.descendants(), Stream.of(p.toHandle()))).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook runs anyway.
        }
    }
}
