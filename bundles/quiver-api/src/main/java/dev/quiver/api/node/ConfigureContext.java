package dev.quiver.api.node;

import java.nio.file.Path;

/** What a node may ask of its surroundings at configure time. */
public interface ConfigureContext {
    /** The id of the node in its workflow ("reader", "n3"). */
    String nodeId();

    /**
     * Resolves a path written in a setting. Relative paths are relative to the workflow file, so a
     * workflow and its data move together; the engine may refuse paths outside the workspace.
     */
    Path resolvePath(String path);
}
