package dev.quiver.api;

import java.util.Objects;

/**
 * Preconditions that return their argument and fail with an {@link InvalidInputException}
 * whose message the user reads.
 */
public final class Check {
    private Check() {
    }

    /** Fails with the formatted message unless {@code condition} holds. */
    public static void that(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new InvalidInputException(String.format(messageFormat, args));
        }
    }

    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new InvalidInputException(what + " must not be empty");
        }
        return value;
    }

    public static double inRange(double value, double min, double max, String what) {
        if (!(value >= min && value <= max)) {
            throw new InvalidInputException(
                    String.format("%s is %s, but must be between %s and %s", what, fmt(value), fmt(min), fmt(max)));
        }
        return value;
    }

    public static int inRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new InvalidInputException(
                    String.format("%s is %d, but must be between %d and %d", what, value, min, max));
        }
        return value;
    }

    public static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " is empty. Set " + what + ".");
        }
        return value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static <T> T requireNonNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }
}
