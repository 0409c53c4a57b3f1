package dev.quiver.spark;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.Model;
import dev.quiver.backend.spark.exchange.FitCodec;
import dev.quiver.backend.spark.exchange.UnitOutcome;
import dev.quiver.nodes.io.batch.BatchScoring;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition of a CSV file, chunk by chunk (bounded memory), with the same parser and
 * writer as the local stream. Each element it returns is a block of output lines: the header first,
 * then one block per chunk, so that {@code saveAsTextFile} writes exactly the bytes the local stream
 * writes for the same rows. A bad cell is recorded in {@code failures} rather than thrown: Spark would
 * otherwise retry a deterministic failure four times before giving up. Line numbers in a failure count
 * from the partition's first row; the driver turns them into the file's.
 */
final class ScoreTask implements Function2<Integer, Iterator<String>, Iterator<String>> {
    private static final long serialVersionUID = 1L;
    static final int CHUNK_ROWS = 20_000;

    private final String jobId;
    private final Broadcast<byte[]> model;
    private final String header;
    private final String source;
    private final LongAccumulator rows;
    private final CollectionAccumulator<String> failures;
    private final CollectionAccumulator<String> workers;

    ScoreTask(String jobId, Broadcast<byte[]> model, String header, String source, LongAccumulator rows,
            CollectionAccumulator<String> failures, CollectionAccumulator<String> workers) {
        this.jobId = jobId;
        this.model = model;
        this.header = header;
        this.source = source;
        this.rows = rows;
        this.failures = failures;
        this.workers = workers;
    }

    @Override
    public Iterator<String> call(Integer partition, Iterator<String> lines) {
        var context = new TaskContextAdapter(TaskContext.get(), "partition " + partition + " of " + jobId);
        BatchScoring scoring = new BatchScoring(model(context), header, source);
        long firstLine = 1;
        if (partition == 0 && lines.hasNext()) {
            lines.next(); // the header line itself
            firstLine = 2;
        }
        final long partitionStart = firstLine;
        workers.add(UnitOutcome.thisProcess());
        return new Iterator<>() {
            private boolean headerDone;
            private String next;
            private boolean failed;
            private long line = partitionStart;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (!headerDone) {
                    headerDone = true;
                    next = scoring.outputHeader();
                    return true;
                }
                if (failed || !lines.hasNext()) {
                    return false;
                }
                List<String> chunk = new ArrayList<>(CHUNK_ROWS);
                while (chunk.size() < CHUNK_ROWS && lines.hasNext()) {
                    chunk.add(lines.next());
                }
                try {
                    context.checkCanceled();
                    var text = new StringWriter(chunk.size() * 64);
                    BatchScoring.writeRows(scoring.score(chunk, line, context), text);
                    StringBuffer b = text.getBuffer();
                    b.setLength(b.length() - 1); // saveAsTextFile ends every element with its own line break
                    next = b.toString();
                    rows.add(chunk.size());
                    line += chunk.size();
                } catch (InvalidInputException e) {
                    failed = true;
                    failures.add(partition + "\t" + e.getMessage());
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String s = next;
                next = null;
                return s;
            }
        };
    }

    private static final java.util.Map<String, Model> MODELS = new java.util.LinkedHashMap<>();

    private Model model(TaskContextAdapter context) {
        synchronized (MODELS) {
            Model m = MODELS.get(jobId);
            if (m == null) {
                MODELS.clear(); // one scoring job at a time per executor is the rule; keep no stale models
                m = (Model) FitCodec.readPortObject(model.value(), ComponentScan.registry(), context);
                MODELS.put(jobId, m);
            }
            return m;
        }
    }
}
