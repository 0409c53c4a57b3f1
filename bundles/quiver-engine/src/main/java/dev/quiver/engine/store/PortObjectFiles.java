package dev.quiver.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformChain;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static final String PIPELINE_FORMAT = "quiver.pipeline";
    static final String CHAIN_FORMAT = "quiver.transform-chain";
    private static final String MANIFEST = "port.json";
    private static final String DATA = "data.bin";

    private PortObjectFiles() {
    }

    /** Whether {@link #write} can save this object. */
    public static boolean canWrite(PortObject object) {
        if (object instanceof PipelineModel p) {
            return p.transforms().stream().allMatch(PortObjectFiles::canWrite) && canWrite(p.model());
        }
        if (object instanceof TransformChain c) {
            return c.steps().stream().allMatch(PortObjectFiles::canWrite);
        }
        return object instanceof Persistable
                || (object instanceof Learner l && l.settingsRecord().isPresent());
    }

    /** Writes atomically: a crash mid-save leaves any previous file intact. */
    public static void write(PortObject object, Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        addEntries("", object, entries);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".quiver-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (var e : entries.entrySet()) {
                        zip.putNextEntry(new ZipEntry(e.getKey()));
                        zip.write(e.getValue());
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

    /** The manifest and data of one object under {@code prefix}; a pipeline's parts go under part-N/. */
    private static void addEntries(String prefix, PortObject object, Map<String, byte[]> entries) {
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
        if (object instanceof PipelineModel pipeline) {
            manifest.put("dataFormat", PIPELINE_FORMAT);
            List<PortObject> parts = new ArrayList<>(pipeline.transforms());
            parts.add(pipeline.model());
            manifest.put("parts", parts.size());
            for (int i = 0; i < parts.size(); i++) {
                addEntries(prefix + "part-" + i + "/", parts.get(i), entries);
            }
        } else if (object instanceof TransformChain chain) {
            manifest.put("dataFormat", CHAIN_FORMAT);
            manifest.put("parts", chain.steps().size());
            for (int i = 0; i < chain.steps().size(); i++) {
                addEntries(prefix + "part-" + i + "/", chain.steps().get(i), entries);
            }
        } else if (object instanceof Learner learner && learner.settingsRecord().isPresent()) {
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
            entries.put(prefix + DATA, bytes.toByteArray());
        } else {
            throw new InvalidInputException(object.type().displayName() + " '" + object.summary()
                    + "' cannot be saved: its node does not support saving.");
        }
        try {
            entries.put(prefix + MANIFEST, WorkflowJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a saved port object. Learners are re-created by their node type from their settings;
     * pipelines part by part; other objects by the {@link PortObjectReader} registered for their format.
     */
    public static PortObject read(Path file, NodeRegistry registry, ExecutionContext context) {
        return read(file, registry::reader, formatId -> registry, context);
    }

    /**
     * The same without OSGi ({@link dev.quiver.engine.embed.Pipeline}): readers come from
     * {@code readers}; learners need a registry of node types, which embedded use does not have.
     */
    public static PortObject readEmbedded(Path file,
            java.util.function.Function<String, Optional<PortObjectReader>> readers, ExecutionContext context) {
        return read(file, readers, formatId -> null, context);
    }

    static PortObject read(Path file, java.util.function.Function<String, Optional<PortObjectReader>> readers,
            java.util.function.Function<String, NodeRegistry> learnerNodes, ExecutionContext context) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("File " + file + " does not exist. Choose a file saved by Quiver.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage()
                    + ". Is it a file saved by Quiver (*" + EXTENSION + ")?");
        }
        return readObject("", entries, file, readers, learnerNodes, context);
    }

    private static PortObject readObject(String prefix, Map<String, byte[]> entries, Path file,
            java.util.function.Function<String, Optional<PortObjectReader>> readers,
            java.util.function.Function<String, NodeRegistry> learnerNodes, ExecutionContext context) {
        JsonNode manifest;
        try {
            byte[] m = entries.get(prefix + MANIFEST);
            manifest = m == null ? null : WorkflowJson.mapper().readTree(m);
        } catch (IOException e) {
            manifest = null;
        }
        if (manifest == null || !"quiver-port".equals(manifest.path("format").asText())) {
            throw new InvalidInputException(file + " is not a saved Quiver port object (*" + EXTENSION + ").");
        }
        String dataFormat = manifest.path("dataFormat").asText();
        if (PIPELINE_FORMAT.equals(dataFormat)) {
            int n = manifest.path("parts").asInt();
            List<Transform> transforms = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                PortObject part = readObject(prefix + "part-" + i + "/", entries, file, readers, learnerNodes, context);
                transforms.add((Transform) part);
            }
            Model model = (Model) readObject(prefix + "part-" + (n - 1) + "/", entries, file, readers, learnerNodes,
                    context);
            return PipelineModel.of(transforms, model);
        }
        if (CHAIN_FORMAT.equals(dataFormat)) {
            int n = manifest.path("parts").asInt();
            List<Transform> steps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                steps.add((Transform) readObject(prefix + "part-" + i + "/", entries, file, readers, learnerNodes,
                        context));
            }
            return TransformChain.of(steps);
        }
        if (LEARNER_FORMAT.equals(dataFormat)) {
            return readLearner(manifest.path("learner"), learnerNodes.apply(dataFormat), context, file);
        }
        PortSpec spec = readSpec(manifest);
        PortObjectReader reader = readers.apply(dataFormat).orElseThrow(() -> new InvalidInputException(file
                + " holds a '" + dataFormat + "', which no installed feature can read. Install the feature that saved it."));
        byte[] data = entries.getOrDefault(prefix + DATA, new byte[0]);
        try {
            return reader.read(new java.io.ByteArrayInputStream(data), spec);
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
        if (registry == null) {
            throw new InvalidInputException(file + " holds a learner (" + type + "); learners load inside Quiver only.");
        }
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
