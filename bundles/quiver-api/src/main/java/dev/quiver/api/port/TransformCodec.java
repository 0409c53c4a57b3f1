package dev.quiver.api.port;

import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.TableSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The byte layout of this bundle's saved transforms, written with {@link DataOutputStream}
 * (big-endian) and never with Java serialisation, so a saved transform outlives refactorings of
 * these classes. It lives in the API because every node bundle that saves a transform needs the
 * same layout, and node bundles share only quiver-api.
 *
 * <pre>
 * byte     layout version of this format (1)
 * string   the format id, so that bytes of another format are refused rather than misread
 * spec     the table spec the transform was fitted on: int n, then per column
 *            string name, string type, string role, strings domain,
 *            int k and k × (string key, string value), keys sorted
 * settings int n, then per setting: string name, a tag byte and the value —
 *            'L' strings, 'B' boolean, 'D' double, 'J' long, 'S' string (enums by name), 'N' null
 * body     the fitted statistics, laid out by each transform's writeTo
 * int      CRC-32 of every byte above
 *
 * string  = int byte count, then UTF-8 (plain UTF-8, not Java's modified form, and no 64 KB limit)
 * strings = int n, then n × string
 * doubles = int n, then n × double (IEEE 754 bits, so NaN, ±inf and −0 come back exactly)
 * </pre>
 *
 * Settings are stored by name and rebuilt through {@link Settings#with}: a setting added later
 * takes its default, one removed later is ignored. Readers read exactly their own bytes (no
 * buffering ahead), so a container may store several parts one after another in one stream.
 */
public final class TransformCodec {
    private TransformCodec() {
    }

    /** Writes the body of one transform. */
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the body of one transform, after the header, spec and settings have been read. */
    public interface Reading<S extends Record, T> {
        T read(DataInputStream in, int version, TableSpec fittedOn, S settings) throws IOException;
    }

    /** Bytes that cannot be what a writer wrote; {@link #read} adds which transform they belong to. */
    public static final class DamagedException extends IOException {
        private static final long serialVersionUID = 1L;

        public DamagedException(String message) {
            super(message);
        }
    }

    public static void write(OutputStream stream, String format, int version, TableSpec fittedOn, Record settings, Body body)
            throws IOException {
        var crc = new CRC32();
        var out = new DataOutputStream(new CheckedOutputStream(stream, crc));
        out.writeByte(version);
        string(out, format);
        spec(out, fittedOn);
        settings(out, settings);
        body.write(out);
        out.flush();
        // The checksum itself is not part of what it covers.
        new DataOutputStream(stream).writeInt((int) crc.getValue());
        stream.flush();
    }

    /**
     * Reads one transform, turning every way the bytes can be wrong into an {@link IOException}
     * that says which transform, what is wrong and what to do.
     *
     * @param what the transform as people call it ("One-Hot Encoder transform")
     * @param maxVersion the newest layout version this bundle reads
     * @param defaults the settings a setting missing from the bytes takes
     */
    public static <S extends Record, T> T read(InputStream stream, String format, int maxVersion, String what, S defaults,
            Reading<S, T> body) throws IOException {
        var crc = new CRC32();
        var in = new DataInputStream(new CheckedInputStream(stream, crc));
        int version;
        try {
            version = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new IOException("The saved " + what + " is empty (no bytes for format " + format
                    + "). Save the transform again.", e);
        }
        if (version < 1 || version > maxVersion) {
            throw new IOException("Unknown version " + version + " of a saved " + what + " (format " + format
                    + "); the installed bundle reads at most version " + maxVersion + ". Update the bundle that provides it"
                    + " to the version that saved it.");
        }
        T result;
        try {
            String id = string(in);
            if (!id.equals(format)) {
                throw new IOException("The data holds format '" + shorten(id) + "', not " + format + ", so it is not a "
                        + what + ". Read it with the reader of its own format.");
            }
            TableSpec fittedOn = spec(in);
            S settings = settings(in, defaults);
            result = body.read(in, version, fittedOn, settings);
            long computed = crc.getValue();
            int stored = new DataInputStream(stream).readInt();
            if (stored != (int) computed) {
                throw new IOException("The saved " + what + " (format " + format + ") is damaged: its checksum is "
                        + Integer.toHexString(stored) + " but its bytes give " + Integer.toHexString((int) computed)
                        + ". Save the transform again.");
            }
        } catch (EOFException e) {
            throw new IOException("The saved " + what + " (format " + format + ") ends too early: the data is truncated "
                    + "or damaged. Save the transform again.", e);
        } catch (DamagedException e) {
            throw new IOException("The saved " + what + " (format " + format + ") is damaged: " + e.getMessage()
                    + ". Save the transform again.", e);
        } catch (RuntimeException e) {
            // Whatever the decoded values break (an unknown enum name, invalid settings, unequal lengths),
            // the cause is the bytes, not the caller.
            throw new IOException("The saved " + what + " (format " + format + ") is damaged: " + e.getMessage()
                    + ". Save the transform again.", e);
        }
        return result;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** A non-negative count; a negative one can only come from damaged bytes. */
    public static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new DamagedException("a count of " + n);
        }
        return n;
    }

    public static void string(DataOutputStream out, String value) throws IOException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String string(DataInputStream in) throws IOException {
        int n = count(in);
        // readNBytes grows its buffer as bytes arrive, so a damaged length cannot allocate gigabytes.
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            string(out, v);
        }
    }

    public static List<String> strings(DataInputStream in) throws IOException {
        int n = count(in);
        var out = new ArrayList<String>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(string(in));
        }
        return out;
    }

    public static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static double[] doubles(DataInputStream in) throws IOException {
        int n = count(in);
        double[] v = new double[Math.min(n, 4096)];
        for (int i = 0; i < n; i++) {
            if (i == v.length) {
                v = Arrays.copyOf(v, (int) Math.min(n, 2L * v.length));
            }
            v[i] = in.readDouble();
        }
        return v;
    }

    public static void spec(DataOutputStream out, TableSpec spec) throws IOException {
        out.writeInt(spec.columnCount());
        for (ColumnSpec c : spec.columns()) {
            string(out, c.name());
            string(out, c.type().name());
            string(out, c.role().name());
            strings(out, c.domain());
            // Sorted, because a ColumnSpec's map has no stable order and equal transforms should give equal bytes.
            var props = new TreeMap<>(c.properties());
            out.writeInt(props.size());
            for (var e : props.entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
        }
    }

    public static TableSpec spec(DataInputStream in) throws IOException {
        int n = count(in);
        var cols = new ArrayList<ColumnSpec>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            String name = string(in);
            ColumnType type = ColumnType.valueOf(string(in));
            ColumnRole role = ColumnRole.valueOf(string(in));
            List<String> domain = strings(in);
            int props = count(in);
            var properties = new LinkedHashMap<String, String>();
            for (int p = 0; p < props; p++) {
                properties.put(string(in), string(in));
            }
            cols.add(new ColumnSpec(name, type, role, domain, properties));
        }
        return new TableSpec(cols);
    }

    /** Writes a flat settings record: numbers, booleans, strings, enums and lists of strings. */
    public static void settings(DataOutputStream out, Record settings) throws IOException {
        Map<String, Object> map = Settings.toMap(settings);
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            string(out, e.getKey());
            Object v = e.getValue();
            if (v == null) {
                out.writeByte('N');
            } else if (v instanceof List<?> list) {
                out.writeByte('L');
                strings(out, list.stream().map(String::valueOf).toList());
            } else if (v instanceof Boolean b) {
                out.writeByte('B');
                out.writeBoolean(b);
            } else if (v instanceof Double || v instanceof Float) {
                out.writeByte('D');
                out.writeDouble(((Number) v).doubleValue());
            } else if (v instanceof Number num) {
                out.writeByte('J');
                out.writeLong(num.longValue());
            } else if (v instanceof Enum<?> en) {
                out.writeByte('S');
                string(out, en.name());
            } else if (v instanceof String s) {
                out.writeByte('S');
                string(out, s);
            } else {
                throw new IllegalArgumentException("Setting '" + e.getKey() + "' of " + settings.getClass().getSimpleName()
                        + " is a " + v.getClass().getName() + ", which the transform format cannot store");
            }
        }
    }

    /** The defaults with every stored setting that the record still has. */
    public static <S extends Record> S settings(DataInputStream in, S defaults) throws IOException {
        int n = count(in);
        var known = Settings.toMap(defaults).keySet();
        var values = new LinkedHashMap<String, Object>();
        for (int i = 0; i < n; i++) {
            String key = string(in);
            int tag = in.readUnsignedByte();
            Object v = switch (tag) {
                case 'N' -> null;
                case 'L' -> strings(in);
                case 'B' -> in.readBoolean();
                case 'D' -> in.readDouble();
                case 'J' -> in.readLong();
                case 'S' -> string(in);
                default -> throw new DamagedException("unknown tag " + tag + " of setting '" + shorten(key) + "'");
            };
            if (known.contains(key)) {
                values.put(key, v);
            }
        }
        return Settings.with(defaults, values);
    }

    /** A map of column → values, in its order: int n, then n × (string column, strings values). */
    public static void columnLists(DataOutputStream out, Map<String, List<String>> lists) throws IOException {
        out.writeInt(lists.size());
        for (var e : lists.entrySet()) {
            string(out, e.getKey());
            strings(out, e.getValue());
        }
    }

    public static Map<String, List<String>> columnLists(DataInputStream in) throws IOException {
        int n = count(in);
        var out = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < n; i++) {
            out.put(string(in), List.copyOf(strings(in)));
        }
        return out;
    }

    /** A map of column → numbers, in its order: int n, then n × (string column, doubles values). */
    public static void columnDoubles(DataOutputStream out, Map<String, double[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (var e : arrays.entrySet()) {
            string(out, e.getKey());
            doubles(out, e.getValue());
        }
    }

    public static Map<String, double[]> columnDoubles(DataInputStream in) throws IOException {
        int n = count(in);
        var out = new LinkedHashMap<String, double[]>();
        for (int i = 0; i < n; i++) {
            out.put(string(in), doubles(in));
        }
        return out;
    }

    /** Fails unless the arrays read for {@code columns} have one entry per column. */
    public static void sameLength(List<String> columns, double[]... arrays) throws IOException {
        for (double[] a : arrays) {
            if (a.length != columns.size()) {
                throw new DamagedException(a.length + " values for " + columns.size() + " columns");
            }
        }
    }
}
