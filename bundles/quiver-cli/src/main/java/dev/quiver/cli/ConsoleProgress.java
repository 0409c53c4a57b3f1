package dev.quiver.cli;

import dev.quiver.engine.run.NodeState;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.WorkflowListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Progress on stderr: one line when a node starts, finishes or fails, and progress lines at most
 * once a second per node (so a log file stays readable and a terminal stays calm).
 */
final class ConsoleProgress implements WorkflowListener {
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    private final PrintStream err;
    private final Function<String, String> names;
    private final int total;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
    private int finished;

    ConsoleProgress(PrintStream err, Function<String, String> names, int total) {
        this.err = err;
        this.names = names;
        this.total = total;
    }

    @Override
    public synchronized void stateChanged(NodeStatus s) {
        String label = s.nodeId() + " (" + names.apply(s.nodeId()) + ")";
        switch (s.state()) {
            case EXECUTING -> {
                started.put(s.nodeId(), System.nanoTime());
                err.printf("[%d/%d] ▶ %s%n", finished + 1, total, label);
            }
            case EXECUTED -> {
                finished++;
                err.printf("[%d/%d] ✓ %s  %s%n", finished, total, label, elapsed(s.nodeId()));
            }
            case FAILED -> {
                finished++;
                err.printf("[%d/%d] ✗ %s failed: %s%n", finished, total, label, s.message());
            }
            default -> {
                if (s.message() != null && s.state() != NodeState.EXECUTING) {
                    err.printf("      · %s: %s%n", label, s.message());
                }
            }
        }
        err.flush();
    }

    @Override
    public void progress(String nodeId, double fraction, String message) {
        long now = System.nanoTime();
        Long last = lastProgress.get(nodeId);
        if (last != null && now - last < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastProgress.put(nodeId, now);
        synchronized (this) {
            err.printf(Locale.ROOT, "      %s %3.0f%% %s%n", nodeId, fraction * 100, message == null ? "" : message);
            err.flush();
        }
    }

    @Override
    public synchronized void warning(String nodeId, String message) {
        err.println("      ⚠ " + nodeId + ": " + message);
        err.flush();
    }

    private String elapsed(String nodeId) {
        Long t0 = started.get(nodeId);
        return t0 == null ? "" : String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - t0) / 1e9);
    }
}
