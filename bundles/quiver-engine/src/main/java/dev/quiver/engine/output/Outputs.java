package dev.quiver.engine.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.store.PortObjectFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns port objects into things people and other programs read: CSV files, aligned text for the
 * terminal, JSON descriptions, and Vega-Lite specs for charts.
 */
public final class Outputs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Outputs() {
    }

    /** Writes a table as RFC 4180 CSV with a header; missing cells are empty fields. */
    public static void writeCsv(Table table, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(table, w);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The same to any writer (standard output for {@code quiver predict}). */
    public static void writeCsv(Table table, java.io.Writer w) throws IOException {
        var names = table.spec().names();
        for (int j = 0; j < names.size(); j++) {
            w.write((j > 0 ? "," : "") + quote(names.get(j)));
        }
        w.write("\n");
        for (int i = 0; i < table.rowCount(); i++) {
            for (int j = 0; j < table.columnCount(); j++) {
                String cell = table.column(j).format(i);
                w.write((j > 0 ? "," : "") + (cell == null ? "" : quote(cell)));
            }
            w.write("\n");
        }
        w.flush();
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The first {@code maxRows} rows as an aligned text table, numbers to 4 decimals. */
    public static String toText(Table table, int maxRows) {
        int rows = Math.min(maxRows, table.rowCount());
        int cols = table.columnCount();
        String[][] cells = new String[rows + 1][cols];
        int[] width = new int[cols];
        for (int j = 0; j < cols; j++) {
            cells[0][j] = table.column(j).name();
            for (int i = 0; i < rows; i++) {
                cells[i + 1][j] = display(table.column(j), i);
            }
            for (String[] r : cells) {
                width[j] = Math.max(width[j], r[j].length());
            }
        }
        var sb = new StringBuilder();
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j < cols; j++) {
                boolean right = i > 0 && table.column(j).spec().isNumeric();
                String c = cells[i][j];
                String pad = " ".repeat(width[j] - c.length());
                sb.append(j == 0 ? "  " : "  ").append(right ? pad + c : c + pad);
            }
            sb.append('\n');
        }
        if (table.rowCount() > rows) {
            sb.append("  … ").append(table.rowCount() - rows).append(" more rows\n");
        }
        return sb.toString();
    }

    private static String display(Column c, int row) {
        if (c.isMissing(row)) {
            return "?";
        }
        if (c instanceof DoubleColumn d) {
            double v = d.get(row);
            return Math.abs(v) >= 1e6 || (v != 0 && Math.abs(v) < 1e-4) ? String.format(Locale.ROOT, "%.4g", v)
                    : String.format(Locale.ROOT, "%.4f", v);
        }
        return c.format(row);
    }

    /** A JSON description of any port object: type, summary, spec and the object's details. */
    public static ObjectNode describe(PortObject object) {
        ObjectNode o = F.objectNode();
        o.put("type", object.type().id());
        o.put("summary", object.summary());
        o.put("spec", object.spec().describe());
        o.set("details", WorkflowJson.mapper().valueToTree(object.details()));
        return o;
    }

    /** The table's columns and rows as JSON: {@code {columns:[{name,type,role}], rows:[[…]]}}. */
    public static ObjectNode tableJson(Table table, int offset, int limit) {
        ObjectNode o = F.objectNode();
        ArrayNode columns = o.putArray("columns");
        for (ColumnSpec c : table.spec().columns()) {
            ObjectNode cj = columns.addObject();
            cj.put("name", c.name());
            cj.put("type", c.type().label());
            cj.put("role", c.role().name().toLowerCase(Locale.ROOT));
        }
        ArrayNode rows = o.putArray("rows");
        int end = Math.min(table.rowCount(), offset + limit);
        for (int i = Math.max(0, offset); i < end; i++) {
            ArrayNode r = rows.addArray();
            for (Column c : table.columns()) {
                addCell(r, c, i);
            }
        }
        o.put("rowCount", table.rowCount());
        o.put("offset", offset);
        return o;
    }

    private static void addCell(ArrayNode r, Column c, int i) {
        if (c.isMissing(i)) {
            r.addNull();
        } else if (c instanceof DoubleColumn d) {
            double v = d.get(i);
            if (Double.isInfinite(v)) {
                r.add(v > 0 ? "Infinity" : "-Infinity");
            } else {
                r.add(v);
            }
        } else if (c instanceof LongColumn l) {
            r.add(l.get(i));
        } else if (c instanceof BooleanColumn b) {
            r.add(b.get(i));
        } else {
            r.add(c.format(i));
        }
    }

    /** A Vega-Lite v5 specification of a chart, with its data inlined. */
    public static ObjectNode vegaLite(ChartSpec chart) {
        ObjectNode spec = F.objectNode();
        spec.put("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
        if (chart.title() != null) {
            spec.put("title", chart.title());
        }
        ArrayNode values = spec.putObject("data").putArray("values");
        Table t = chart.data();
        for (int i = 0; i < t.rowCount(); i++) {
            ObjectNode row = values.addObject();
            for (Column c : t.columns()) {
                ArrayNode one = F.arrayNode();
                addCell(one, c, i);
                row.set(c.name(), one.get(0));
            }
        }
        ArrayNode layers = spec.putArray("layer");
        for (ChartSpec.Layer layer : chart.layers()) {
            ObjectNode l = layers.addObject();
            ObjectNode mark = l.putObject("mark");
            mark.put("type", layer.mark().name().toLowerCase(Locale.ROOT));
            mark.put("tooltip", true);
            ObjectNode enc = l.putObject("encoding");
            for (ChartSpec.Channel ch : layer.channels()) {
                ObjectNode e = enc.putObject(ch.channel());
                e.put("field", ch.field());
                e.put("type", ch.fieldType().name().toLowerCase(Locale.ROOT));
                if (ch.title() != null) {
                    e.put("title", ch.title());
                }
            }
        }
        return spec;
    }

    /** Pretty JSON text of a tree, as written into files. */
    public static String toJsonText(Object tree) {
        try {
            return WorkflowJson.mapper().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes every output of a node under {@code dir}: tables as CSV, other ports as JSON (and as a
     * {@code .quiver-port} file when they can be saved), charts as Vega-Lite.
     */
    public static List<Path> writeAll(String nodeId, List<String> portNames, List<PortObject> outputs,
            List<ChartSpec> charts, Path dir) {
        try {
            Path nodeDir = dir.resolve(nodeId);
            Files.createDirectories(nodeDir);
            var written = new java.util.ArrayList<Path>();
            for (int i = 0; i < outputs.size(); i++) {
                PortObject o = outputs.get(i);
                if (o instanceof Table t) {
                    Path f = nodeDir.resolve(portNames.get(i) + ".csv");
                    writeCsv(t, f);
                    written.add(f);
                } else {
                    Path f = nodeDir.resolve(portNames.get(i) + ".json");
                    Files.writeString(f, toJsonText(describe(o)), StandardCharsets.UTF_8);
                    written.add(f);
                    if (PortObjectFiles.canWrite(o)) {
                        // The JSON is for people; this file is what a Model Reader reads back.
                        Path saved = nodeDir.resolve(portNames.get(i) + PortObjectFiles.EXTENSION);
                        PortObjectFiles.write(o, saved);
                        written.add(saved);
                    }
                }
            }
            for (ChartSpec c : charts) {
                Path f = nodeDir.resolve("chart-" + c.id() + ".vl.json");
                Files.writeString(f, toJsonText(vegaLite(c)), StandardCharsets.UTF_8);
                written.add(f);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write outputs of " + nodeId + " to " + dir, e);
        }
    }

}
