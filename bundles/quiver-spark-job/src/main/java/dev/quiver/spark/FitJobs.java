package dev.quiver.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.backend.spark.exchange.ExchangeFiles;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a {@code fit} command: the job bytes are broadcast once, each unit is one partition and so one
 * task, and every task's outcome is written and announced the moment Spark hands it to the driver
 * (progress), not when the whole job ends.
 */
final class FitJobs {
    private final JavaSparkContext spark;
    private final Consumer<ObjectNode> emit;

    FitJobs(JavaSparkContext spark, Consumer<ObjectNode> emit) {
        this.spark = spark;
        this.emit = emit;
    }

    void run(JsonNode command) {
        String id = command.path("id").asText();
        Path dir = Path.of(command.path("dir").asText());
        byte[] jobBytes;
        List<byte[]> units;
        try {
            jobBytes = Files.readAllBytes(dir.resolve(ExchangeFiles.JOB));
            units = ExchangeFiles.readUnits(dir.resolve(ExchangeFiles.UNITS));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fit job in " + dir, e);
        }
        List<Tuple2<Integer, byte[]>> indexed = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            indexed.add(new Tuple2<>(i, units.get(i)));
        }
        spark.setJobGroup(id, "Quiver fits " + id + " (" + units.size() + " units)", true);
        Broadcast<byte[]> job = spark.broadcast(jobBytes);
        String status = "ok";
        String message = null;
        try {
            JavaRDD<Tuple2<Integer, byte[]>> rdd = spark.parallelize(indexed, Math.max(1, units.size()));
            List<Object> partitions = new ArrayList<>();
            for (int p = 0; p < units.size(); p++) {
                partitions.add(p);
            }
            var action = spark.sc().submitJob(rdd.rdd(), new FitTask(id, job),
                    scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(),
                    new ResultHandler(id, dir, emit), new NoResult());
            action.get();
        } catch (Exception e) {
            // Cancelled job groups and jobs Spark gave up on (a task lost more often than
            // spark.task.maxFailures allows) end here; units that did finish were already announced.
            String m = FitTask.message(e);
            status = m.contains("cancelled") || m.contains("canceled") ? "canceled" : "failed";
            message = spark.sc().isStopped() ? "the Spark application stopped (its master was lost, or the cluster"
                    + " killed it): " + m.lines().findFirst().orElse(m) : m;
        } finally {
            job.destroy();
            spark.clearJobGroup();
        }
        ObjectNode done = WorkflowJson.mapper().createObjectNode();
        done.put("event", "done");
        done.put("id", id);
        done.put("status", status);
        if (message != null) {
            done.put("message", message);
        }
        emit.accept(done);
    }

    /** Runs on Spark's scheduler thread as each task's result arrives: write it, announce it. */
    private static final class ResultHandler extends AbstractFunction2<Object, byte[], BoxedUnit>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final transient Path dir;
        private final transient Consumer<ObjectNode> emit;

        ResultHandler(String id, Path dir, Consumer<ObjectNode> emit) {
            this.id = id;
            this.dir = dir;
            this.emit = emit;
        }

        @Override
        public BoxedUnit apply(Object partition, byte[] outcome) {
            int index = (Integer) partition;
            Path file = dir.resolve(ExchangeFiles.outcomeFile(index));
            try {
                Files.write(file, outcome);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            ObjectNode event = WorkflowJson.mapper().createObjectNode();
            event.put("event", "unit");
            event.put("id", id);
            event.put("index", index);
            emit.accept(event);
            return BoxedUnit.UNIT;
        }
    }

    private static final class NoResult extends AbstractFunction0<BoxedUnit> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
