package dev.quiver.nodes.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.quiver.api.Check;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.osgi.service.component.annotations.Component;

/** Writes a table to a CSV file, atomically. */
@Component(service = NodeFactory.class)
public final class CsvWriterNodeFactory implements NodeFactory<CsvWriterSettings> {
    public static final String ID = "quiver.io.csv-writer";
    private static final int REPORT_EVERY = 8192;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "CSV Writer", "Input/Output",
            """
            Writes a table to a CSV file with a header line. Numbers are written so that they read back \
            exactly (the shortest decimal form of each double); fields are quoted only when they contain the \
            delimiter, a quote or a line break. The file appears complete or not at all: it is written to a \
            temporary file in the same folder and then moved into place. A name ending in .gz is compressed.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table to write.")),
            List.of());

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CsvWriterSettings> settingsType() {
        return CsvWriterSettings.class;
    }

    @Override
    public CsvWriterSettings defaultSettings() {
        return CsvWriterSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, CsvWriterSettings settings, ConfigureContext context) {
        Check.notBlank(settings.path(), "File");
        return List.of();
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, CsvWriterSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        Check.notBlank(settings.path(), "File");
        Path target = context.resolvePath(settings.path()).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(target + " is a folder. Choose a file name to write to.");
        }
        if (!settings.overwrite() && Files.exists(target)) {
            throw new InvalidInputException("The file " + target + " already exists and 'Overwrite' is off. "
                    + "Turn 'Overwrite' on, or choose another file name.");
        }
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: its owner-only permissions would carry over to the finished file.
            temp = dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (OutputStream out = open(temp, target)) {
                write(table, settings, out, context);
            }
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new InvalidInputException("Cannot write " + target + ": " + e.getMessage()
                    + ". Check that the folder exists and is writable.", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    context.logger().warn("Could not delete temporary file {}", temp, e);
                }
            }
        }
        return NodeResult.of();
    }

    private static OutputStream open(Path temp, Path target) throws IOException {
        OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return out;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(Table table, CsvWriterSettings settings, OutputStream out, ExecutionContext context)
            throws IOException {
        // Not closed here: the caller closes the stream, which also writes a gzip trailer.
        CsvWriter csv = CsvWriter.builder()
                .fieldSeparator(settings.delimiterChar())
                .quoteCharacter('"')
                .quoteStrategy(QuoteStrategies.REQUIRED)
                .lineDelimiter(LineDelimiter.LF)
                .build(out, StandardCharsets.UTF_8);
        List<Column> columns = table.columns();
        int width = columns.size();
        String[] record = new String[width];
        csv.writeRecord(table.spec().names());
        int rows = table.rowCount();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                String cell = columns.get(j).format(i);
                record[j] = cell == null ? settings.missingMarker() : cell;
            }
            csv.writeRecord(record);
            if ((i + 1) % REPORT_EVERY == 0) {
                context.checkCanceled();
                context.progress((double) (i + 1) / rows, String.format(Locale.ROOT, "Wrote %,d of %,d rows", i + 1, rows));
            }
        }
        csv.flush();
        context.progress(1, String.format(Locale.ROOT, "Wrote %,d rows", rows));
    }
}
