package dev.quiver.nodes.pca;

import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.TableSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte format of saved (kernel) PCA transforms: a DataOutputStream of tagged values, no Java
 * serialisation, so a saved transform outlives refactorings of these classes. Settings are stored by
 * component name and rebuilt through {@link Settings#with}, so settings added later take their defaults.
 */
final class Codec {
    static final int VERSION = 1;

    private Codec() {
    }

    static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        var out = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    static void matrix(DataOutputStream out, double[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (double[] r : rows) {
            doubles(out, r);
        }
    }

    static double[][] matrix(DataInputStream in) throws IOException {
        double[][] rows = new double[in.readInt()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = doubles(in);
        }
        return rows;
    }

    static void spec(DataOutputStream out, ProjectionSpec spec) throws IOException {
        out.writeUTF(spec.name());
        out.writeInt(spec.input().columnCount());
        for (ColumnSpec c : spec.input().columns()) {
            out.writeUTF(c.name());
            out.writeUTF(c.type().name());
            out.writeUTF(c.role().name());
            strings(out, c.domain());
            out.writeInt(c.properties().size());
            for (var e : c.properties().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        }
        strings(out, spec.features());
        strings(out, spec.outputs());
        out.writeBoolean(spec.keepOriginal());
        out.writeBoolean(spec.invertible());
    }

    static ProjectionSpec spec(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int columns = in.readInt();
        var cols = new ArrayList<ColumnSpec>(columns);
        for (int i = 0; i < columns; i++) {
            String col = in.readUTF();
            ColumnType type = ColumnType.valueOf(in.readUTF());
            ColumnRole role = ColumnRole.valueOf(in.readUTF());
            List<String> domain = strings(in);
            int props = in.readInt();
            var properties = new LinkedHashMap<String, String>();
            for (int p = 0; p < props; p++) {
                properties.put(in.readUTF(), in.readUTF());
            }
            cols.add(new ColumnSpec(col, type, role, domain, properties));
        }
        return new ProjectionSpec(name, new TableSpec(cols), strings(in), strings(in), in.readBoolean(), in.readBoolean());
    }

    /** Writes a flat settings record: numbers, booleans, strings, enums and lists of strings. */
    static void settings(DataOutputStream out, Record settings) throws IOException {
        Map<String, Object> map = Settings.toMap(settings);
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            out.writeUTF(e.getKey());
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                out.writeByte('L');
                strings(out, list.stream().map(String::valueOf).toList());
            } else if (v instanceof Boolean b) {
                out.writeByte('B');
                out.writeBoolean(b);
            } else if (v instanceof Double || v instanceof Float) {
                out.writeByte('D');
                out.writeDouble(((Number) v).doubleValue());
            } else if (v instanceof Number n) {
                out.writeByte('J');
                out.writeLong(n.longValue());
            } else if (v instanceof Enum<?> en) {
                out.writeByte('S');
                out.writeUTF(en.name());
            } else {
                out.writeByte('S');
                out.writeUTF(String.valueOf(v));
            }
        }
    }

    /** The defaults with every stored setting that the record still has. */
    static <S extends Record> S settings(DataInputStream in, S defaults) throws IOException {
        int n = in.readInt();
        var known = Settings.toMap(defaults).keySet();
        var values = new LinkedHashMap<String, Object>();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            Object v = switch (in.readByte()) {
                case 'L' -> strings(in);
                case 'B' -> in.readBoolean();
                case 'D' -> in.readDouble();
                case 'J' -> in.readLong();
                case 'S' -> in.readUTF();
                default -> throw new IOException("Unknown setting tag in a saved transform");
            };
            if (known.contains(key)) {
                values.put(key, v);
            }
        }
        return Settings.with(defaults, values);
    }

    static void checkVersion(DataInputStream in, String what) throws IOException {
        int v = in.readInt();
        if (v < 1 || v > VERSION) {
            throw new IOException("Unknown version " + v + " of a saved " + what + "; this bundle reads at most version "
                    + VERSION + ". Update the PCA bundle.");
        }
    }
}
