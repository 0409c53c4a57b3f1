package dev.quiver.backend.spark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.BatchScoreJob;
import dev.quiver.api.node.BatchScoreResult;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.WorkRunner.Outcome;
import dev.quiver.backend.spark.exchange.ExchangeFiles;
import dev.quiver.backend.spark.exchange.FitCodec;
import dev.quiver.backend.spark.exchange.UnitOutcome;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits and batch scoring on Spark through a driver JVM of its own. The driver starts on first use (a
 * run whose nodes never need it never pays for it) and stops with {@link #close}.
 */
final class SparkBackend implements ExecutionBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SparkBackend.class);
    private static final AtomicInteger COMMANDS = new AtomicInteger();

    private final SparkRuntime runtime;
    private final String master;
    private final Map<String, String> conf;
    private final String driverMemory;
    private final Path workerLog;
    private DriverProcess driver;
    private boolean closed;

    SparkBackend(SparkRuntime runtime, String master, Map<String, String> conf, String driverMemory, Path workerLog) {
        this.runtime = runtime;
        this.master = master;
        this.conf = Map.copyOf(conf);
        this.driverMemory = driverMemory;
        this.workerLog = workerLog;
    }

    @Override
    public String id() {
        return SparkBackendFactory.ID;
    }

    private synchronized DriverProcess driver(ExecutionContext context) {
        if (closed) {
            throw new IllegalStateException("The Spark backend is closed");
        }
        if (driver != null && !driver.isAlive()) {
            LOG.warn("The Spark driver exited; starting a new one.{}", driver.diagnostics());
            driver.close();
            driver = null;
        }
        if (driver == null) {
            context.progress(0, "starting Spark (" + master + ")");
            driver = new DriverProcess(runtime, master, conf, driverMemory, context::isCanceled);
        }
        return driver;
    }

    /**
     * {@inheritDoc} Every unit is one Spark task; how many run at once is the cluster's business (its
     * cores), so {@code parallelism} is not used.
     */
    @Override
    public List<Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism, ExecutionContext context,
            Consumer<Outcome<FitResult>> onDone) {
        if (units.isEmpty()) {
            return List.of();
        }
        DriverProcess d = driver(context);
        for (FitUnit unit : units) {
            String type = unit.learner().spec().nodeTypeId();
            FitCodec.whyNotShippable(unit.learner()).ifPresent(why -> {
                throw new InvalidInputException("The Spark backend cannot run this fit: " + why
                        + ". Run this node on the local backend.");
            });
            if (!d.nodeTypes().contains(type)) {
                throw new InvalidInputException("The Spark backend cannot fit learner '" + unit.learner().summary()
                        + "' (node type " + type + "): its code is not in the Spark job jar, which carries the Tribuo"
                        + " learners and the preparation, feature and PCA transforms. Run this node on the local"
                        + " backend (the workflow's execution.nodes setting) or choose a Tribuo learner.");
            }
        }
        String id = "fit-" + COMMANDS.incrementAndGet();
        Path dir = d.exchange().resolve(id);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(ExchangeFiles.JOB), FitCodec.encodeJob(job));
            List<byte[]> encoded = new ArrayList<>(units.size());
            for (FitUnit unit : units) {
                encoded.add(FitCodec.encodeUnit(unit));
            }
            ExchangeFiles.writeUnits(dir.resolve(ExchangeFiles.UNITS), encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the fit job to " + dir, e);
        }
        ObjectNode command = WorkflowJson.mapper().createObjectNode();
        command.put("op", "fit");
        command.put("id", id);
        command.put("dir", dir.toString());
        long started = System.nanoTime();
        @SuppressWarnings("unchecked")
        Outcome<FitResult>[] outcomes = new Outcome[units.size()];
        Map<String, Integer> workers = new TreeMap<>();
        var events = new JobEvents(d, id, d.send(command), context);
        String endStatus = null;
        String endMessage = null;
        try {
            while (endStatus == null) {
                JsonNode event = events.next();
                switch (event.path("event").asText()) {
                    case "unit" -> {
                        int index = event.path("index").asInt();
                        UnitOutcome u = UnitOutcome.decode(Files.readAllBytes(dir.resolve(ExchangeFiles.outcomeFile(index))));
                        Outcome<FitResult> o = u.result() != null
                                ? new Outcome<>(index, FitCodec.decodeResult(u.result()), null, false, u.nanos())
                                : new Outcome<>(index, null, u.failure(), false, u.nanos());
                        if (outcomes[index] == null) {
                            outcomes[index] = o;
                            workers.merge(u.worker(), 1, Integer::sum);
                            logWorker(id, index, u);
                            onDone.accept(o);
                        }
                    }
                    case "done" -> {
                        endStatus = event.path("status").asText();
                        endMessage = event.path("message").asText(null);
                    }
                    case "failed" -> {
                        endStatus = "failed";
                        endMessage = event.path("message").asText();
                    }
                    case "exited" -> {
                        endStatus = "failed";
                        endMessage = "the Spark driver exited." + d.diagnostics();
                    }
                    default -> LOG.debug("Ignoring Spark event {}", event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endStatus = "canceled";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a fit outcome from " + dir, e);
        } finally {
            d.forget(id);
            DriverProcess.deleteTree(dir);
        }
        boolean canceled = "canceled".equals(endStatus) || context.isCanceled();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = canceled ? new Outcome<>(i, null, null, true, 0)
                        : new Outcome<>(i, null, "Spark could not run this unit: " + endMessage, false, 0);
                onDone.accept(outcomes[i]);
            }
        }
        LOG.info("Spark {}: {} units in {} s on {} (driver {})", id, units.size(),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9), workers, d.driver());
        return Arrays.asList(outcomes);
    }

    @Override
    public Optional<BatchScoreResult> batchScore(BatchScoreJob job, ExecutionContext context) {
        String format = job.format().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw new InvalidInputException("The Spark backend scores csv or parquet files, not '" + job.format() + "'.");
        }
        DriverProcess d = driver(context);
        String id = "score-" + COMMANDS.incrementAndGet();
        Path dir = d.exchange().resolve(id);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(ExchangeFiles.MODEL), FitCodec.portObjectBytes(job.model()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model to " + dir, e);
        }
        ObjectNode command = WorkflowJson.mapper().createObjectNode();
        command.put("op", "score");
        command.put("id", id);
        command.put("dir", dir.toString());
        command.put("input", job.input());
        command.put("format", format);
        command.put("output", job.output());
        var events = new JobEvents(d, id, d.send(command), context);
        try {
            while (true) {
                JsonNode event = events.next();
                switch (event.path("event").asText()) {
                    case "progress" -> {
                        int done = event.path("done").asInt();
                        int total = Math.max(1, event.path("total").asInt());
                        context.progress(Math.min(1, (double) done / total),
                                done + " of " + total + " partitions scored on Spark");
                    }
                    case "done" -> {
                        List<String> workers = new ArrayList<>();
                        event.path("workerList").forEach(w -> workers.add(w.asText()));
                        LOG.info("Spark {}: {} rows in {} parts by {}", id, event.path("rows").asLong(),
                                event.path("partitions").asInt(), workers);
                        if (workerLog != null) {
                            for (String w : workers) {
                                appendWorkerLog(id + "\t-\t" + w + "\tok\t-\n");
                            }
                        }
                        return Optional.of(new BatchScoreResult(event.path("rows").asLong(),
                                event.path("partitions").asInt(), job.output(), event.path("workers").asInt()));
                    }
                    case "failed" -> {
                        if (context.isCanceled()) {
                            throw new CanceledException();
                        }
                        String message = event.path("message").asText();
                        if (message.contains("which no installed feature can read")) {
                            message += " The Spark job jar carries Tribuo models and the preparation, feature and PCA"
                                    + " transforms; score other models with the local backend.";
                        }
                        throw new InvalidInputException("Batch scoring on Spark failed: " + message);
                    }
                    case "exited" -> throw new InvalidInputException("The Spark driver exited while scoring "
                            + job.input() + "." + d.diagnostics());
                    default -> LOG.debug("Ignoring Spark event {}", event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } finally {
            d.forget(id);
            DriverProcess.deleteTree(dir);
        }
    }

    /** The events of one job from the driver; the node's cancellation is passed on to the driver once. */
    private static final class JobEvents {
        private final DriverProcess driver;
        private final String id;
        private final BlockingQueue<JsonNode> events;
        private final ExecutionContext context;
        private boolean cancelSent;

        JobEvents(DriverProcess driver, String id, BlockingQueue<JsonNode> events, ExecutionContext context) {
            this.driver = driver;
            this.id = id;
            this.events = events;
            this.context = context;
        }

        /** Waits for the next event, checking for cancellation every 100 ms meanwhile. */
        JsonNode next() throws InterruptedException {
            while (true) {
                if (!cancelSent && context.isCanceled()) {
                    ObjectNode cancel = WorkflowJson.mapper().createObjectNode();
                    cancel.put("op", "cancel");
                    cancel.put("id", id);
                    driver.write(cancel);
                    cancelSent = true;
                }
                JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    return event;
                }
            }
        }
    }

    /** One line per finished unit in the worker-log file, when one was asked for. */
    private void logWorker(String id, int index, UnitOutcome u) {
        if (workerLog == null) {
            return;
        }
        appendWorkerLog(id + "\t" + index + "\t" + u.worker() + "\t" + (u.failure() == null ? "ok" : "failed") + "\t"
                + u.attempt() + "\n");
    }

    private synchronized void appendWorkerLog(String line) {
        try {
            Files.writeString(workerLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Cannot append to the worker log {}: {}", workerLog, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }
}
