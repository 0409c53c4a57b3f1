package dev.quiver.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.settings.SettingsCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saved port objects ({@code *.quiver-port}): a zip with {@code port.json} — format, port type,
 * summary, the spec when it is a record spec, and for learners their node type and settings — and,
 * for {@link Persistable} objects, {@code data.bin} with the bytes the object wrote. No Java
 * serialisation anywhere, so a file outlives class changes that keep the format.
 */
public final class PortObjectFiles {
    public static final String EXTENSION = ".quiver-port";
    static final String LEARNER_FORMAT = "quiver.learner-settings";
    private static final String MANIFEST = "port.json";
    private static final String DATA = "data.bin";

    private PortObjectFiles() {
    }

    /** Whether {@link #write} can save this object. */
    public static boolean canWrite(PortObject object) {
        return object instanceof Persistable
                || (object instanceof Learner l && l.settingsRecord().isPresent());
    }

    /** Writes atomically: a crash mid-save leaves any previous file intact. */
    public static void write(PortObject object, Path file) {
        ObjectNode manifest = WorkflowJson.mapper().createObjectNode();
        manifest.put("format", "quiver-port");
        manifest.put("formatVersion", 1);
        manifest.put("portType", object.type().id());
        manifest.put("summary", object.summary());
        PortSpec spec = object.spec();
        if (spec instanceof ModelSpec || spec instanceof LearnerSpec || spec instanceof TableSpec) {
            manifest.put("specType", spec.getClass().getSimpleName());
            manifest.set("spec", WorkflowJson.mapper().valueToTree(spec));
        }
        byte[] data = null;
        if (object instanceof Learner learner && learner.settingsRecord().isPresent()) {
            manifest.put("dataFormat", LEARNER_FORMAT);
            ObjectNode l = manifest.putObject("learner");
            l.put("type", learner.spec().nodeTypeId());
            l.set("settings", SettingsCodec.toJson(learner.settingsRecord().get()));
        } else if (object instanceof Persistable p) {
            manifest.put("dataFormat", p.formatId());
            var bytes = new ByteArrayOutputStream();
            try {
                p.writeTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save " + object.summary(), e);
            }
            data = bytes.toByteArray();
        } else {
            throw new InvalidInputException(object.type().displayName() + " '" + object.summary()
                    + "' cannot be saved: its node does not support saving.");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".quiver-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry(MANIFEST));
                    zip.write(WorkflowJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                    zip.closeEntry();
                    if (data != null) {
                        zip.putNextEntry(new ZipEntry(DATA));
                        zip.write(data);
                        zip.closeEntry();
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Reads a saved port object. Learners are re-created by their node type from their settings;
     * other objects by the {@link PortObjectReader} registered for their format.
     */
    public static PortObject read(Path file, NodeRegistry registry, ExecutionContext context) {
        JsonNode manifest = null;
        byte[] data = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST)) {
                    manifest = WorkflowJson.mapper().readTree(zip.readAllBytes());
                } else if (e.getName().equals(DATA)) {
                    data = zip.readAllBytes();
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("File " + file + " does not exist. Choose a file saved by Quiver.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage()
                    + ". Is it a file saved by Quiver (*" + EXTENSION + ")?");
        }
        if (manifest == null || !"quiver-port".equals(manifest.path("format").asText())) {
            throw new InvalidInputException(file + " is not a saved Quiver port object (*" + EXTENSION + ").");
        }
        String dataFormat = manifest.path("dataFormat").asText();
        if (LEARNER_FORMAT.equals(dataFormat)) {
            return readLearner(manifest.path("learner"), registry, context, file);
        }
        PortSpec spec = readSpec(manifest);
        PortObjectReader reader = registry.reader(dataFormat).orElseThrow(() -> new InvalidInputException(file
                + " holds a '" + dataFormat + "', which no installed feature can read. Install the feature that saved it."));
        try {
            return reader.read(new java.io.ByteArrayInputStream(data == null ? new byte[0] : data), spec);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the " + dataFormat + " in " + file + ": " + e.getMessage());
        }
    }

    private static PortSpec readSpec(JsonNode manifest) {
        JsonNode spec = manifest.get("spec");
        if (spec == null) {
            return null;
        }
        try {
            return switch (manifest.path("specType").asText()) {
                case "ModelSpec" -> WorkflowJson.mapper().treeToValue(spec, ModelSpec.class);
                case "LearnerSpec" -> WorkflowJson.mapper().treeToValue(spec, LearnerSpec.class);
                case "TableSpec" -> WorkflowJson.mapper().treeToValue(spec, TableSpec.class);
                default -> null;
            };
        } catch (IOException e) {
            throw new InvalidInputException("The saved spec is damaged: " + e.getMessage());
        }
    }

    /** A learner node has no inputs: executing it with the saved settings re-creates the learner. */
    @SuppressWarnings("unchecked")
    private static PortObject readLearner(JsonNode learner, NodeRegistry registry, ExecutionContext context, Path file) {
        String type = learner.path("type").asText();
        NodeFactory<Record> factory = (NodeFactory<Record>) registry.find(type).orElseThrow(() -> new InvalidInputException(
                file + " holds a learner of node type '" + type + "', which is not installed. Install its feature."));
        if (!factory.descriptor().inputs().isEmpty()) {
            throw new InvalidInputException("Node type '" + type + "' needs inputs, so it cannot re-create a saved learner.");
        }
        Record settings = SettingsCodec.fromJson(factory, learner.path("settings"));
        NodeResult r = factory.execute(new Ports<>(List.of(), List.of()), settings, context);
        return r.outputs().get(0);
    }
}
