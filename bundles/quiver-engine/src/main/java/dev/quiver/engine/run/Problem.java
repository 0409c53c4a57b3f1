package dev.quiver.engine.run;

/** Something wrong in a workflow file found while loading it; {@code nodeId} is null for the whole file. */
public record Problem(String nodeId, String message) {
    @Override
    public String toString() {
        return nodeId == null ? message : nodeId + ": " + message;
    }
}
