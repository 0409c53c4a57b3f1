package dev.quiver.nodes.io;

/** Recognises the text of numbers and booleans in CSV cells, strictly enough to round-trip. */
final class Cells {
    private Cells() {
    }

    /** A whole number that fits in a long: optional sign, digits only. */
    static boolean isLong(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == n || n - i > 19) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (n - i < 19) {
            return true;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A decimal number such as {@code -1.5}, {@code .5}, {@code 3.}, {@code 1e-7}, or Infinity/NaN as
     * Java writes them. Stricter than {@link Double#parseDouble}, which also takes "1d" and hex.
     */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (s.startsWith("Infinity", i) && n == i + 8) {
            return true;
        }
        if (s.equals("NaN")) {
            return true;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isBoolean(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
