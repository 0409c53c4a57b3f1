package dev.quiver.launcher;

/**
 * The runtime could not be brought into the requested state: a broken distribution, a bundle
 * that does not resolve or start, a command service that never appeared. The message is written
 * for the person at the terminal and says what to fix.
 */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
