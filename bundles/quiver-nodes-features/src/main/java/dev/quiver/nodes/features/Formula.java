package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small arithmetic language over the numeric columns of a row, parsed by hand-written recursive
 * descent into a tree that is evaluated directly: no scripting engine, no reflection, no generated
 * code, so an expression can compute numbers and nothing else.
 *
 * <pre>
 * expr    := or
 * or      := and ('||' and)*
 * and     := compare ('&amp;&amp;' compare)*
 * compare := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)?
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/' | '%') unary)*
 * unary   := ('-' | '+' | '!') unary | power
 * power   := primary ('^' unary)?                 right-associative: 2^3^2 = 2^9, -2^2 = -4
 * primary := number | column | name '(' [expr (',' expr)*] ')' | '(' expr ')'
 * column  := name | '`' any text but '`' '`'
 * name    := letter or '_', then letters, digits, '_' or '.'
 * </pre>
 *
 * Positions in messages count characters from 1.
 */
final class Formula {
    /** A parsed expression, evaluated on one row of column values. */
    sealed interface Expr permits Num, Col, Unary, Binary, Call {
        double eval(double[] row);
    }

    record Num(double value) implements Expr {
        @Override
        public double eval(double[] row) {
            return value;
        }
    }

    /** A column reference; {@code slot} indexes the row array, which holds the referenced columns only. */
    record Col(String name, int slot) implements Expr {
        @Override
        public double eval(double[] row) {
            return row[slot];
        }
    }

    record Unary(char op, Expr operand) implements Expr {
        @Override
        public double eval(double[] row) {
            double v = operand.eval(row);
            return switch (op) {
                case '-' -> -v;
                case '!' -> Double.isNaN(v) ? v : v == 0 ? 1 : 0;
                default -> v;
            };
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        @Override
        public double eval(double[] row) {
            double a = left.eval(row);
            if (op.equals("&&") || op.equals("||")) {
                // Short-circuit like most languages, but a missing operand that decides the result stays missing.
                if (Double.isNaN(a)) {
                    return a;
                }
                if (op.equals("&&") ? a == 0 : a != 0) {
                    return op.equals("&&") ? 0 : 1;
                }
                double b = right.eval(row);
                return Double.isNaN(b) ? b : b != 0 ? 1 : 0;
            }
            double b = right.eval(row);
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                case "%" -> floorMod(a, b);
                case "^" -> Math.pow(a, b);
                default -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : compare(op, a, b) ? 1 : 0;
            };
        }

        private static boolean compare(String op, double a, double b) {
            return switch (op) {
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                case ">=" -> a >= b;
                case "==" -> a == b;
                default -> a != b;
            };
        }
    }

    record Call(Function function, List<Expr> args) implements Expr {
        @Override
        public double eval(double[] row) {
            if (function == Function.IF) {
                double c = args.get(0).eval(row);
                // Only the chosen branch is evaluated, so a missing value in the other one does not matter.
                return Double.isNaN(c) ? c : c != 0 ? args.get(1).eval(row) : args.get(2).eval(row);
            }
            if (function == Function.ISMISSING) {
                return Double.isNaN(args.get(0).eval(row)) ? 1 : 0;
            }
            double x = args.get(0).eval(row);
            return switch (function) {
                case ABS -> Math.abs(x);
                case SQRT -> Math.sqrt(x);
                case LOG -> Math.log(x);
                case LOG10 -> Math.log10(x);
                case EXP -> Math.exp(x);
                case SIN -> Math.sin(x);
                case COS -> Math.cos(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
                case POW -> Math.pow(x, args.get(1).eval(row));
                case ROUND -> args.size() == 1 ? roundHalfAway(x) : round(x, args.get(1).eval(row));
                case MIN, MAX -> {
                    double r = x;
                    for (int i = 1; i < args.size(); i++) {
                        double v = args.get(i).eval(row);
                        r = function == Function.MIN ? Math.min(r, v) : Math.max(r, v);
                    }
                    yield r;
                }
                default -> throw new IllegalStateException(function.name());
            };
        }
    }

    /** The functions, with their argument counts (max −1 = any number). */
    enum Function {
        ABS(1, 1), SQRT(1, 1), LOG(1, 1), LOG10(1, 1), EXP(1, 1), POW(2, 2), MIN(2, -1), MAX(2, -1), ROUND(1, 2),
        FLOOR(1, 1), CEIL(1, 1), SIN(1, 1), COS(1, 1), IF(3, 3), ISMISSING(1, 1);

        final int minArgs;
        final int maxArgs;

        Function(int minArgs, int maxArgs) {
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Python's remainder: the sign follows the divisor, so -1 % 3 = 2 as in spreadsheets. */
    static double floorMod(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    static double roundHalfAway(double x) {
        return Double.isFinite(x) ? Math.signum(x) * Math.floor(Math.abs(x) + 0.5) : x;
    }

    static double round(double x, double digits) {
        if (Double.isNaN(digits)) {
            return digits;
        }
        // Through the decimal text, so round(2.675, 2) gives 2.68 as written, not 2.67 from its binary value.
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(Double.toString(x))
                .setScale((int) digits, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** The parsed expression and the columns it reads, in slot order. */
    record Parsed(Expr root, List<String> columns) {
        /** Evaluates every row; columns are read as doubles (booleans as 1/0, missing as NaN). */
        double[] evaluate(List<Column> columnsInSlotOrder, int rows) {
            double[] out = new double[rows];
            double[] row = new double[columnsInSlotOrder.size()];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = columnsInSlotOrder.get(j).getDouble(i);
                }
                out[i] = root.eval(row);
            }
            return out;
        }
    }

    private final String text;
    private final TableSpec spec;
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private int pos;

    private Formula(String text, TableSpec spec) {
        this.text = text;
        this.spec = spec;
    }

    /** Parses {@code text} and checks it against the columns of {@code spec}. */
    static Parsed parse(String text, TableSpec spec) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("Expression is empty. Write a formula over the columns, for example "
                    + "petal_length * petal_width.");
        }
        var p = new Formula(text, spec);
        Expr root = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("Unexpected '" + text.charAt(p.pos) + "' at position " + (p.pos + 1)
                    + (text.charAt(p.pos) == ')' ? " (no '(' to close)" : " (an operator is missing before it?)"));
        }
        return new Parsed(root, List.copyOf(p.slots.keySet()));
    }

    private InvalidInputException error(String message) {
        return new InvalidInputException(message + ". Expression: " + text);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Consumes {@code token} if it comes next (after spaces). */
    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            // "<" must not take the first character of "<=", nor "!" of "!=".
            if ((token.equals("<") || token.equals(">") || token.equals("!")) && text.startsWith("=", pos + 1)) {
                return false;
            }
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("Expected '" + token + "' at position " + (pos + 1)
                    + (pos >= text.length() ? " (the expression ended)" : ", found '" + text.charAt(pos) + "'"));
        }
    }

    private Expr or() {
        Expr e = and();
        while (accept("||")) {
            e = new Binary("||", e, and());
        }
        return e;
    }

    private Expr and() {
        Expr e = compare();
        while (accept("&&")) {
            e = new Binary("&&", e, compare());
        }
        return e;
    }

    private static final List<String> COMPARISONS = List.of("<=", ">=", "==", "!=", "<", ">");

    private Expr compare() {
        Expr e = sum();
        for (String op : COMPARISONS) {
            if (accept(op)) {
                e = new Binary(op, e, sum());
                skipSpace();
                for (String again : COMPARISONS) {
                    if (text.startsWith(again, pos)) {
                        throw error("Comparisons cannot be chained (at position " + (pos + 1)
                                + "); write a < b && b < c instead of a < b < c");
                    }
                }
                return e;
            }
        }
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '=') {
            throw error("Unexpected '=' at position " + (pos + 1) + "; write '==' to compare");
        }
        return e;
    }

    private Expr sum() {
        Expr e = product();
        while (true) {
            if (accept("+")) {
                e = new Binary("+", e, product());
            } else if (accept("-")) {
                e = new Binary("-", e, product());
            } else {
                return e;
            }
        }
    }

    private Expr product() {
        Expr e = unary();
        while (true) {
            if (accept("*")) {
                e = new Binary("*", e, unary());
            } else if (accept("/")) {
                e = new Binary("/", e, unary());
            } else if (accept("%")) {
                e = new Binary("%", e, unary());
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        if (accept("-")) {
            return new Unary('-', unary());
        }
        if (accept("+")) {
            return unary();
        }
        if (accept("!")) {
            return new Unary('!', unary());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (accept("^")) {
            return new Binary("^", base, unary());
        }
        return base;
    }

    private Expr primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("Expected a number, column or '(' at position " + (pos + 1) + " (the expression ended)");
        }
        char c = text.charAt(pos);
        int start = pos;
        if (c == '(') {
            pos++;
            Expr e = or();
            expect(")");
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (c == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("Missing closing '`' for the column name that starts at position " + (start + 1));
            }
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return column(name, start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return call(name, start);
            }
            return column(name, start);
        }
        if (c == '*' && start > 0 && text.charAt(start - 1) == '*') {
            throw error("Unexpected '*' at position " + (start + 1) + "; write ^ for powers (a ^ 2), not **");
        }
        throw error("Unexpected '" + c + "' at position " + (start + 1) + "; expected a number, column or '('");
    }

    private Expr number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String s = text.substring(start, pos);
        try {
            return new Num(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw error("'" + s + "' at position " + (start + 1) + " is not a number");
        }
    }

    private Expr column(String name, int at) {
        var found = spec.find(name);
        if (found.isEmpty()) {
            String hint = closest(name, spec.names());
            // "petal length" written bare stops at "petal": point to the backtick form.
            String spaced = spec.names().stream().filter(n -> n.startsWith(name + " ")).findFirst().orElse(null);
            throw error("Unknown column '" + name + "' at position " + (at + 1)
                    + (spaced != null ? " (did you mean `" + spaced + "`? Write names with spaces or symbols "
                                    + "in backticks)"
                            : hint != null ? " (did you mean '" + hint + "'?)"
                            : " (available: " + String.join(", ", spec.names()) + ")"));
        }
        ColumnSpec c = found.get();
        if (c.type() == ColumnType.STRING) {
            throw error("Column '" + name + "' at position " + (at + 1) + " is a string column, but a formula computes "
                    + "with numbers. Encode it first (One-Hot or Ordinal Encoder), or use a numeric column");
        }
        int slot = slots.computeIfAbsent(name, n -> slots.size());
        return new Col(name, slot);
    }

    private Expr call(String name, int at) {
        Function f = null;
        for (Function candidate : Function.values()) {
            if (candidate.label().equals(name.toLowerCase(Locale.ROOT))) {
                f = candidate;
            }
        }
        if (f == null) {
            List<String> names = java.util.Arrays.stream(Function.values()).map(Function::label).toList();
            String hint = closest(name.toLowerCase(Locale.ROOT), names);
            throw error("Unknown function '" + name + "' at position " + (at + 1)
                    + (hint == null ? " (functions: " + String.join(", ", names) + ")" : " (did you mean '" + hint + "'?)"));
        }
        expect("(");
        var args = new ArrayList<Expr>();
        skipSpace();
        if (!accept(")")) {
            do {
                args.add(or());
            } while (accept(","));
            expect(")");
        }
        if (args.size() < f.minArgs || (f.maxArgs >= 0 && args.size() > f.maxArgs)) {
            String wanted = f.maxArgs < 0 ? "at least " + f.minArgs
                    : f.minArgs == f.maxArgs ? String.valueOf(f.minArgs) : f.minArgs + " or " + f.maxArgs;
            throw error("Function '" + f.label() + "' at position " + (at + 1) + " takes " + wanted + " argument"
                    + (wanted.equals("1") ? "" : "s") + ", but got " + args.size());
        }
        return new Call(f, args);
    }

    /** The candidate nearest to {@code name} by edit distance, if it is close enough to be a typo. */
    static String closest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // One edit per three letters, at most three: "sqr" → "sqrt", but "b" is not a typo of "a".
        return best != null && bestDistance <= Math.min(3, name.length() / 3) ? best : null;
    }

    /** Damerau–Levenshtein distance (optimal string alignment): swapped letters count as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
