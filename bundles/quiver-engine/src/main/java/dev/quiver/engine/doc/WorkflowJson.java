package dev.quiver.engine.doc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.quiver.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@code *.quiver.json}. Output is deterministic (fixed property order, sorted map
 * keys, two-space indent, LF line ends, trailing newline) so that files diff cleanly in version
 * control.
 */
public final class WorkflowJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WorkflowJson() {
    }

    /** The mapper used for documents and settings; shared so both format numbers the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static WorkflowDocument parse(String json, String source) {
        WorkflowDocument doc;
        try {
            doc = MAPPER.readValue(json, WorkflowDocument.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InvalidInputException(source + " is not a valid workflow file"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage());
        }
        if (!WorkflowDocument.FORMAT.equals(doc.format()) && !WorkflowDocument.COMPONENT_FORMAT.equals(doc.format())) {
            throw new InvalidInputException(source + " has format '" + doc.format() + "', expected '"
                    + WorkflowDocument.FORMAT + "' (or '" + WorkflowDocument.COMPONENT_FORMAT
                    + "' for a component). Is this a Quiver workflow?");
        }
        if (doc.formatVersion() > WorkflowDocument.CURRENT_FORMAT_VERSION) {
            throw new InvalidInputException(source + " has format version " + doc.formatVersion()
                    + ", but this Quiver reads at most version " + WorkflowDocument.CURRENT_FORMAT_VERSION
                    + ". Update Quiver.");
        }
        return doc;
    }

    public static WorkflowDocument read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Workflow file " + file.toAbsolutePath() + " does not exist.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static String toJson(WorkflowDocument doc) {
        try {
            var printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return MAPPER.writer(printer).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write workflow", e);
        }
    }

    /** Writes atomically: a crash mid-save leaves the previous file intact. */
    public static void write(WorkflowDocument doc, Path file) {
        String json = toJson(doc);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".quiver-", ".tmp");
            try {
                Files.writeString(tmp, json, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
