package dev.quiver.api.settings;

import dev.quiver.api.InvalidInputException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reflection over settings records, kept in the API so the engine, the test kit and nodes (for
 * example a learner re-created with tuned values) validate and copy settings the same way.
 */
public final class Settings {
    private Settings() {
    }

    /** Checks every {@link Range} of the record; the message names the setting, value and bounds. */
    public static <S extends Record> S validate(S settings) {
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            Range r = c.getAnnotation(Range.class);
            Object v = read(settings, c);
            if (r != null && v instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || d < r.min() || d > r.max()) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "Setting '%s' is %s, but must be %s. Change '%s'.", label(c), num(d), bounds(r), label(c)));
                }
            }
            if (v == null && !c.getType().isPrimitive() && c.getAnnotation(ColumnRef.class) == null
                    && c.getType() != String.class) {
                throw new InvalidInputException("Setting '" + label(c) + "' is missing. Set '" + label(c) + "'.");
            }
        }
        return settings;
    }

    /** The human label of a component: its {@link Label}, else its name split into words. */
    public static String label(RecordComponent c) {
        Label l = c.getAnnotation(Label.class);
        if (l != null) {
            return l.value();
        }
        String name = c.getName();
        var sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                sb.append(' ').append(Character.toLowerCase(ch));
            } else {
                sb.append(i == 0 ? Character.toUpperCase(ch) : ch);
            }
        }
        return sb.toString();
    }

    private static String bounds(Range r) {
        boolean lo = r.min() != Double.NEGATIVE_INFINITY;
        boolean hi = r.max() != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return "between " + num(r.min()) + " and " + num(r.max());
        }
        return lo ? "at least " + num(r.min()) : "at most " + num(r.max());
    }

    /** A number as people write it: 0 not 0.0, 0.000001 not 1.0E-6. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isFinite(v) && Math.abs(v) >= 1e-9 && Math.abs(v) < 1e15) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    /** The record's components as a name → value map, in declaration order. */
    public static Map<String, Object> toMap(Record settings) {
        var out = new LinkedHashMap<String, Object>();
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            out.put(c.getName(), read(settings, c));
        }
        return out;
    }

    /**
     * A copy of {@code settings} with some components replaced. Values are converted the way JSON
     * would be read: numbers to the component's numeric type (integers must be whole), strings to
     * enums by name, and then validated.
     */
    @SuppressWarnings("unchecked")
    public static <S extends Record> S with(S settings, Map<String, ?> overrides) {
        Class<S> type = (Class<S>) settings.getClass();
        RecordComponent[] comps = type.getRecordComponents();
        for (String key : overrides.keySet()) {
            if (java.util.Arrays.stream(comps).noneMatch(c -> c.getName().equals(key))) {
                throw new InvalidInputException("Unknown setting '" + key + "' (available: "
                        + String.join(", ", java.util.Arrays.stream(comps).map(RecordComponent::getName).toList()) + ")");
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            args[i] = overrides.containsKey(comps[i].getName())
                    ? convert(overrides.get(comps[i].getName()), comps[i])
                    : read(settings, comps[i]);
        }
        try {
            Constructor<S> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return validate(ctor.newInstance(args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build settings " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, RecordComponent c) {
        Class<?> t = c.getType();
        String what = "Setting '" + label(c) + "'";
        if (value == null) {
            if (t.isPrimitive()) {
                throw new InvalidInputException(what + " must not be empty");
            }
            return null;
        }
        if (t == double.class || t == Double.class) {
            return number(value, what).doubleValue();
        }
        if (t == float.class || t == Float.class) {
            return number(value, what).floatValue();
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            double d = number(value, what).doubleValue();
            if (d != Math.rint(d)) {
                throw new InvalidInputException(what + " must be a whole number, not " + value);
            }
            return t == int.class || t == Integer.class ? (Object) (int) d : (Object) (long) d;
        }
        if (t == boolean.class || t == Boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            String s = value.toString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new InvalidInputException(what + " must be true or false, not '" + value + "'");
        }
        if (t.isEnum()) {
            String s = value.toString();
            for (Object constant : t.getEnumConstants()) {
                if (((Enum) constant).name().equalsIgnoreCase(s)) {
                    return constant;
                }
            }
            throw new InvalidInputException(what + " is '" + s + "', but must be one of "
                    + java.util.Arrays.stream(t.getEnumConstants()).map(Object::toString).toList());
        }
        if (t == String.class) {
            return value.toString();
        }
        if (t == List.class && value instanceof List<?> l) {
            return List.copyOf(l);
        }
        if (t.isInstance(value)) {
            return value;
        }
        throw new InvalidInputException(what + " cannot take the value " + value);
    }

    private static Number number(Object value, String what) {
        if (value instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " must be a number, not '" + value + "'");
        }
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read setting " + c.getName(), e);
        }
    }
}
