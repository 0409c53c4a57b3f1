package dev.quiver.api;

/** Thrown by {@code ExecutionContext.checkCanceled()} once the user has cancelled the run. */
public class CanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CanceledException() {
        super("Execution cancelled");
    }
}
