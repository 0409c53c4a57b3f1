package dev.quiver.spark;

import dev.quiver.api.CanceledException;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.backend.spark.exchange.FitCodec;
import dev.quiver.backend.spark.exchange.UnitOutcome;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

/**
 * One Spark task: the partition holds one unit (index and bytes). The job (the table, the columns,
 * the transform) arrives once per executor through the broadcast and is decoded once per executor.
 * A unit whose code throws comes back as a failed outcome, as data, so that Spark never retries a
 * deterministic failure into a failed job; only a lost executor makes Spark run the task again.
 */
final class FitTask extends AbstractFunction1<scala.collection.Iterator<Tuple2<Integer, byte[]>>, byte[]>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The last jobs decoded in this executor; tasks of one job reuse the decoded table. */
    private static final Map<String, FitJob> DECODED = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FitJob> eldest) {
            return size() > 2;
        }
    };

    private final String jobId;
    private final Broadcast<byte[]> job;

    FitTask(String jobId, Broadcast<byte[]> job) {
        this.jobId = jobId;
        this.job = job;
    }

    @Override
    public byte[] apply(scala.collection.Iterator<Tuple2<Integer, byte[]>> partition) {
        Tuple2<Integer, byte[]> unit = partition.next();
        int index = unit._1();
        TaskContext task = TaskContext.get();
        var context = new TaskContextAdapter(task, "unit " + index + " of " + jobId);
        long start = System.nanoTime();
        int attempt = task == null ? 0 : task.attemptNumber();
        try {
            FitJob fitJob = decodedJob(context);
            FitUnit fitUnit = FitCodec.decodeUnit(unit._2(), ComponentScan.registry(), context);
            FitResult result = fitJob.run(fitUnit, context);
            return UnitOutcome.success(index, FitCodec.encodeResult(result), result.worker(), System.nanoTime() - start,
                    attempt)
                    .encode();
        } catch (CanceledException e) {
            throw e; // the job group was cancelled: let Spark end the task as killed
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            if (task != null && task.isInterrupted()) {
                throw e;
            }
            return UnitOutcome.failure(index, message(e), UnitOutcome.thisProcess(), System.nanoTime() - start,
                    attempt).encode();
        }
    }

    private FitJob decodedJob(TaskContextAdapter context) {
        synchronized (DECODED) {
            FitJob decoded = DECODED.get(jobId);
            if (decoded == null) {
                decoded = FitCodec.decodeJob(job.value(), ComponentScan.registry(), context);
                DECODED.put(jobId, decoded);
            }
            return decoded;
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }
}
