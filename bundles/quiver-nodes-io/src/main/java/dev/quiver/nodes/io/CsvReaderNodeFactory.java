package dev.quiver.nodes.io;

import dev.quiver.api.Check;
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
import dev.quiver.api.table.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Reads a CSV file (optionally gzipped) into a table, with column types inferred from the data. */
@Component(service = NodeFactory.class)
public final class CsvReaderNodeFactory implements NodeFactory<CsvReaderSettings> {
    public static final String ID = "quiver.io.csv-reader";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "CSV Reader", "Input/Output",
            """
            Reads a CSV file into a table. Each column's type is inferred from the first rows: **long** when \
            every non-missing cell is a whole number, **double** when every one is a number, **boolean** for \
            true/false, and **nominal** text otherwise. Cells listed as missing markers become missing values.

            The types are known before the node runs, so downstream nodes can be configured at once. If a \
            later row does not fit (text in a number column, say), the node fails naming the line; raise \
            *Type inference rows* to 0 to let every row decide. Class labels written as numbers (0/1) can be \
            kept as text with *Nominal columns*. Roles are not guessed: every column starts as a feature, \
            and the Train node picks the label. Gzipped files (.gz) are read directly.""",
            List.of(),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The file's rows and columns.")));

    /** The last layout configure computed, so that repeated configure calls in the editor do not re-read the file. */
    private volatile CachedLayout cache;

    private record CacheKey(Path path, long size, long modified, CsvReaderSettings settings) {
    }

    private record CachedLayout(CacheKey key, CsvTableReader.Layout layout) {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CsvReaderSettings> settingsType() {
        return CsvReaderSettings.class;
    }

    @Override
    public CsvReaderSettings defaultSettings() {
        return CsvReaderSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, CsvReaderSettings settings, ConfigureContext context) {
        Path path = resolve(settings, context);
        CacheKey key = key(path, settings);
        CachedLayout cached = cache;
        if (key != null && cached != null && cached.key().equals(key)) {
            return List.of(cached.layout().spec());
        }
        CsvTableReader.Layout layout = new CsvTableReader(settings, path).inferLayout(null);
        if (key != null) {
            cache = new CachedLayout(key, layout);
        }
        return List.of(layout.spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, CsvReaderSettings settings, ExecutionContext context) {
        Path path = resolve(settings, context);
        Table table = new CsvTableReader(settings, path).read(context);
        return NodeResult.of(table);
    }

    private static Path resolve(CsvReaderSettings settings, ConfigureContext context) {
        Check.notBlank(settings.path(), "File");
        return context.resolvePath(settings.path());
    }

    private static CacheKey key(Path path, CsvReaderSettings settings) {
        try {
            return new CacheKey(path, Files.size(path), Files.getLastModifiedTime(path).toMillis(), settings);
        } catch (IOException e) {
            return null;
        }
    }
}
