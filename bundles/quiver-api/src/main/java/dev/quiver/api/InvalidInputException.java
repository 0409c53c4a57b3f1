package dev.quiver.api;

/**
 * Bad input that the user can fix: a missing column, a setting out of range, a malformed file,
 * NaN where a number is required. The message is shown to the analyst as it is, so it names the
 * value, the limit and the fix ("Label column 'y' not found (available: a, b). Choose a label
 * column.").
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
