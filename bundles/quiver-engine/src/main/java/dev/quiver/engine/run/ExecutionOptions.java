package dev.quiver.engine.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to run: how many nodes may execute at once (independent branches run in parallel), and an
 * optional override of the workflow's execution backend ({@code quiver run --backend spark
 * --spark-master URL}).
 *
 * @param backend the backend id that replaces the workflow's own choice, or null to keep it
 * @param backendOptions options for that backend (merged over the workflow's when the ids match)
 */
public record ExecutionOptions(int parallelism, String backend, Map<String, String> backendOptions) {
    public ExecutionOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        backend = backend == null || backend.isBlank() ? null : backend;
        backendOptions = backendOptions == null ? Map.of() : Map.copyOf(new TreeMap<>(backendOptions));
    }

    public ExecutionOptions(int parallelism) {
        this(parallelism, null, Map.of());
    }

    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Runtime.getRuntime().availableProcessors());
    }

    /** A copy that runs on the given backend whatever the workflow says. */
    public ExecutionOptions withBackend(String id, Map<String, String> options) {
        return new ExecutionOptions(parallelism, id, options);
    }
}
