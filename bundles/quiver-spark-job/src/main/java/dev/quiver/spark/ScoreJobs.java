package dev.quiver.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.Model;
import dev.quiver.backend.spark.exchange.ExchangeFiles;
import dev.quiver.backend.spark.exchange.FitCodec;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.nodes.io.batch.BatchScoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs a {@code score} command: the file is read by the executors partition by partition, scored with
 * the broadcast model and written by them as part files; only counts come back to the driver. Progress
 * is the number of partitions done.
 */
final class ScoreJobs {
    private final JavaSparkContext spark;
    private final Consumer<ObjectNode> emit;

    ScoreJobs(JavaSparkContext spark, Consumer<ObjectNode> emit) {
        this.spark = spark;
        this.emit = emit;
    }

    void run(JsonNode command) {
        String id = command.path("id").asText();
        Path dir = Path.of(command.path("dir").asText());
        String input = command.path("input").asText();
        String output = command.path("output").asText();
        String format = command.path("format").asText("csv");
        byte[] modelBytes;
        try {
            modelBytes = Files.readAllBytes(dir.resolve(ExchangeFiles.MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model in " + dir, e);
        }
        var driverContext = new TaskContextAdapter(null, "batch score " + id);
        Model model = (Model) FitCodec.readPortObject(modelBytes, ComponentScan.registry(), driverContext);
        String source = new org.apache.hadoop.fs.Path(input).getName();

        spark.setJobGroup(id, "Quiver batch score " + id, true);
        Broadcast<byte[]> broadcast = spark.broadcast(modelBytes);
        LongAccumulator rows = spark.sc().longAccumulator("rows");
        CollectionAccumulator<String> failures = spark.sc().collectionAccumulator("failures");
        CollectionAccumulator<String> workers = spark.sc().collectionAccumulator("workers");
        var progress = new Progress(id);
        try {
            JavaRDD<String> scored;
            JavaRDD<String> lines = null;
            if (format.equals("parquet")) {
                scored = ParquetScoring.score(spark, input, id, broadcast, model, rows, failures, workers);
            } else {
                lines = spark.textFile(input, Math.max(2, spark.defaultParallelism()));
                String header = lines.first();
                new BatchScoring(model, header, source); // the columns are checked here, once, before any task
                scored = lines.mapPartitionsWithIndex(
                        new ScoreTask(id, broadcast, header, source, rows, failures, workers), true);
            }
            progress.total.set(scored.getNumPartitions());
            spark.sc().addSparkListener(progress);
            scored.saveAsTextFile(output);
            if (!failures.value().isEmpty()) {
                throw new InvalidInputException(firstFailure(failures.value(), lines)
                        + (failures.value().size() > 1 ? " (" + (failures.value().size() - 1) + " other part(s) of the"
                                + " file failed too)" : ""));
            }
            int parts = renameParts(output);
            Set<String> distinct = new HashSet<>(workers.value());
            ObjectNode done = WorkflowJson.mapper().createObjectNode();
            done.put("event", "done");
            done.put("id", id);
            done.put("status", "ok");
            done.put("rows", rows.value());
            done.put("partitions", parts);
            done.put("workers", distinct.size());
            var list = done.putArray("workerList");
            distinct.stream().sorted().forEach(list::add);
            emit.accept(done);
        } finally {
            spark.sc().removeSparkListener(progress);
            broadcast.destroy();
            spark.clearJobGroup();
        }
    }

    /**
     * The failure of the earliest partition, with its line number made the file's: only when scoring
     * failed does the driver pay for counting the lines of the partitions before it.
     */
    private static String firstFailure(List<String> failures, JavaRDD<String> lines) {
        String first = failures.stream().min(java.util.Comparator.comparingInt(
                f -> Integer.parseInt(f.substring(0, f.indexOf('\t'))))).orElseThrow();
        int partition = Integer.parseInt(first.substring(0, first.indexOf('\t')));
        String message = first.substring(first.indexOf('\t') + 1);
        var m = java.util.regex.Pattern.compile("^Line (\\d+) ").matcher(message);
        if (partition == 0 || lines == null || !m.find()) {
            return message;
        }
        List<Long> counts = lines.mapPartitionsWithIndex((p, it) -> {
            long n = 0;
            if (p < partition) {
                for (; it.hasNext(); it.next()) {
                    n++;
                }
            }
            return List.of(n).iterator();
        }, true).collect();
        long before = counts.stream().mapToLong(Long::longValue).sum();
        return "Line " + (before + Long.parseLong(m.group(1))) + " " + message.substring(m.end());
    }

    /** Spark names parts part-00000; the Batch Score node's parts are part-00000.csv, as the local stream writes. */
    private int renameParts(String output) {
        try {
            var out = new org.apache.hadoop.fs.Path(output);
            FileSystem fs = out.getFileSystem(spark.hadoopConfiguration());
            int parts = 0;
            for (FileStatus s : fs.listStatus(out)) {
                String name = s.getPath().getName();
                if (name.matches("part-\\d{5}")) {
                    fs.rename(s.getPath(), new org.apache.hadoop.fs.Path(out, name + ".csv"));
                    parts++;
                }
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot name the parts in " + output + ": " + e.getMessage(), e);
        }
    }

    /** Counts the finished tasks of this command's job group. */
    private final class Progress extends SparkListener {
        private final String group;
        private final Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger done = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();

        Progress(String group) {
            this.group = group;
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            var props = submitted.properties();
            if (props != null && group.equals(props.getProperty("spark.jobGroup.id"))) {
                stages.add(submitted.stageInfo().stageId());
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!stages.contains(end.stageId()) || !"Success".equals(end.reason().toString())) {
                return;
            }
            ObjectNode event = WorkflowJson.mapper().createObjectNode();
            event.put("event", "progress");
            event.put("id", group);
            event.put("done", done.incrementAndGet());
            event.put("total", total.get());
            emit.accept(event);
        }
    }

}
