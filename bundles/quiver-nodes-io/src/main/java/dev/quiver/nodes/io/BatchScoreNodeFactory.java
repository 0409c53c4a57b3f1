package dev.quiver.nodes.io;

import dev.quiver.api.Check;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.BatchScoreJob;
import dev.quiver.api.node.BatchScoreResult;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.io.batch.BatchScoring;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.osgi.service.component.annotations.Component;

/**
 * Scores a file too large to load as a table: the model or pipeline is applied chunk by chunk and
 * the scored rows are written as part files, so memory stays bounded by one chunk. On a cluster
 * backend (Spark) the file is read and scored where it lies, partition by partition, and never passes
 * through this process; locally it is streamed here.
 */
@Component(service = NodeFactory.class)
public final class BatchScoreNodeFactory implements NodeFactory<BatchScoreNodeFactory.BatchScoreSettings> {
    public static final String ID = "quiver.io.batch-score";

    static final TableSpec SUMMARY_SPEC = TableSpec.of(new ColumnSpec("rows", ColumnType.LONG),
            new ColumnSpec("parts", ColumnType.LONG), new ColumnSpec("output", ColumnType.STRING),
            new ColumnSpec("backend", ColumnType.STRING), new ColumnSpec("workers", ColumnType.LONG),
            new ColumnSpec("seconds", ColumnType.DOUBLE), new ColumnSpec("rows per second", ColumnType.DOUBLE));

    /** Which file to score, where the scored parts go, and how big a part is. */
    public record BatchScoreSettings(
            @Label("Input file")
            @Description("The file to score, relative to the workflow's folder, or a URI the cluster can read"
                    + " (hdfs://, s3a://) on a cluster backend. CSV with a header line, one record per line; .gz"
                    + " allowed locally.")
            String input,
            @Label("Format")
            @Description("CSV, or PARQUET (Parquet needs a cluster backend such as spark).")
            Format format,
            @Label("Output folder")
            @Description("Where the part files go: part-00000.csv, part-00001.csv, … each with a header, rows in"
                    + " input order within a part.")
            String output,
            @Label("Rows per part")
            @Description("Rows scored and written at once when streaming locally: memory holds one part.")
            @Range(min = 1000, max = 10_000_000)
            int rowsPerPart,
            @Label("Overwrite")
            @Description("Replace part files already in the output folder.")
            boolean overwrite) {

        public BatchScoreSettings {
            format = format == null ? Format.CSV : format;
        }
    }

    /** Input formats. */
    public enum Format {
        CSV, PARQUET
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Batch Score", "Input/Output",
            """
            Applies a model or a deployable pipeline to a file too large to load: rows are scored a part at a \
            time and written as part files with the input columns and the prediction columns. The model's \
            feature columns are read with the types it was trained on; other columns pass through as text. With \
            the workflow's execution backend set to **spark**, the cluster reads the file partition by partition \
            and writes the parts itself, so the data never passes through Quiver; the parts are the same bytes \
            as when scored locally. Output: one row with the row and part counts, the backend, and the speed.""",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The fitted model or pipeline.")),
            List.of(PortDescriptor.required("summary", PortType.TABLE, "What was written, where, and how fast.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<BatchScoreSettings> settingsType() {
        return BatchScoreSettings.class;
    }

    @Override
    public BatchScoreSettings defaultSettings() {
        return new BatchScoreSettings("", Format.CSV, "scored", 100_000, true);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, BatchScoreSettings settings, ConfigureContext context) {
        Check.notBlank(settings.input(), "Input file");
        Check.notBlank(settings.output(), "Output folder");
        return List.of(SUMMARY_SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, BatchScoreSettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        long start = System.nanoTime();
        ExecutionBackend backend = context.backend();
        String input = isUri(settings.input()) ? settings.input()
                : context.resolvePath(settings.input()).toAbsolutePath().toString();
        String output = isUri(settings.output()) ? settings.output()
                : context.resolvePath(settings.output()).toAbsolutePath().toString();
        if (!isUri(output)) {
            prepareOutput(Path.of(output), settings.overwrite());
        }
        var job = new BatchScoreJob(model, input, settings.format().name().toLowerCase(Locale.ROOT), output,
                settings.rowsPerPart());
        BatchScoreResult result = backend.batchScore(job, context).orElseGet(() -> {
            if (settings.format() != Format.CSV) {
                throw new InvalidInputException("Scoring " + settings.format() + " needs a cluster backend; the local"
                        + " stream reads CSV. Set the workflow's execution backend to spark, or convert the file to CSV.");
            }
            if (isUri(input)) {
                throw new InvalidInputException("The local stream reads local files, not " + input + ". Use a local"
                        + " path, or a cluster backend that can read that URI.");
            }
            return streamLocally(model, Path.of(input), Path.of(output), settings.rowsPerPart(), context);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Table summary = Table.of(LongColumn.wrap(SUMMARY_SPEC.column(0), new long[] {result.rows()}, null),
                LongColumn.wrap(SUMMARY_SPEC.column(1), new long[] {result.partitions()}, null),
                StringColumn.of(SUMMARY_SPEC.column(2), List.of(result.outputDirectory())),
                StringColumn.of(SUMMARY_SPEC.column(3), List.of(backend.id())),
                LongColumn.wrap(SUMMARY_SPEC.column(4), new long[] {result.workers()}, null),
                DoubleColumn.of(SUMMARY_SPEC.column(5), new double[] {seconds}),
                DoubleColumn.of(SUMMARY_SPEC.column(6), new double[] {result.rows() / Math.max(seconds, 1e-9)}));
        context.progress(1, String.format(Locale.ROOT, "Scored %,d rows into %d part(s)", result.rows(),
                result.partitions()));
        return NodeResult.of(summary);
    }

    private static boolean isUri(String s) {
        return s.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    }

    /** Refuses to mix new parts with old ones: an existing folder must hold only parts, and be replaceable. */
    static void prepareOutput(Path dir, boolean overwrite) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InvalidInputException("The output " + dir + " is a file. Choose a folder for the parts.");
            }
            if (Files.isDirectory(dir)) {
                var old = new ArrayList<Path>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (!(name.startsWith("part-") || name.equals("_SUCCESS") || name.startsWith(".part-")
                                || name.startsWith("._SUCCESS"))) {
                            throw new InvalidInputException("The output folder " + dir + " holds '" + name + "', which"
                                    + " is not a part file. Choose an empty or new folder.");
                        }
                        old.add(f);
                    }
                }
                if (!old.isEmpty() && !overwrite) {
                    throw new InvalidInputException("The output folder " + dir + " already holds " + old.size()
                            + " part file(s) and 'Overwrite' is off. Turn it on, or choose another folder.");
                }
                for (Path f : old) {
                    Files.delete(f);
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the output folder " + dir, e);
        }
    }

    /** Reads the file a part at a time, scores each part and writes it before reading the next. */
    static BatchScoreResult streamLocally(Model model, Path input, Path output, int rowsPerPart,
            ExecutionContext context) {
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException("File not found: " + input + ". Check the path; a relative path is read"
                    + " from the workflow's folder.");
        }
        try {
            long size = Files.size(input);
            var counted = new CountingInputStream(Files.newInputStream(input));
            InputStream in = input.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(counted) : counted;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                    1 << 16)) {
                String header = reader.readLine();
                if (header == null) {
                    throw new InvalidInputException("The file " + input.getFileName() + " is empty. Score a file with"
                            + " a header line and data rows.");
                }
                var scoring = new BatchScoring(model, header, input.getFileName().toString());
                long rows = 0;
                int parts = 0;
                long lineNumber = 2;
                var lines = new ArrayList<String>(Math.min(rowsPerPart, 1 << 20));
                while (true) {
                    lines.clear();
                    String line;
                    while (lines.size() < rowsPerPart && (line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                    if (lines.isEmpty() && parts > 0) {
                        break;
                    }
                    context.checkCanceled();
                    Table scored = scoring.score(lines, lineNumber, context.subProgress(0, 0));
                    Path part = output.resolve(BatchScoring.partName(parts));
                    try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                        w.write(scoring.outputHeader());
                        w.write('\n');
                        BatchScoring.writeRows(scored, w);
                    }
                    parts++;
                    rows += lines.size();
                    lineNumber += lines.size();
                    context.progress(size == 0 ? 1 : Math.min(1, (double) counted.count() / size),
                            String.format(Locale.ROOT, "Scored %,d rows (%d parts)", rows, parts));
                    if (lines.size() < rowsPerPart) {
                        break;
                    }
                }
                Files.writeString(output.resolve("_SUCCESS"), "");
                return new BatchScoreResult(rows, parts, output.toString(), 1);
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + input + " or write " + output + ": " + e.getMessage()
                    + ". Check both paths and the free disk space.", e);
        }
    }
}
