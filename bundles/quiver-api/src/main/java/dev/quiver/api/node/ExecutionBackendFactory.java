package dev.quiver.api.node;

import java.util.Map;

/**
 * Contributes an execution backend: an OSGi service the engine looks up by {@link #id()} when a
 * workflow (or one of its nodes, or {@code quiver run --backend}) asks for it. The engine opens one
 * backend per id and options for a run and closes it when the run ends.
 */
public interface ExecutionBackendFactory {

    /** The id workflows name ("spark"). */
    String id();

    /** One line for {@code quiver nodes} and error messages. */
    String description();

    /**
     * Opens a backend. {@code options} come from the workflow's execution settings and the command
     * line (for Spark: {@code master} and {@code spark.*} properties); an option this backend does
     * not know, or a bad value, is an {@link dev.quiver.api.InvalidInputException} naming it.
     */
    ExecutionBackend open(Map<String, String> options);
}
