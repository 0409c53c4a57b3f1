package dev.quiver.backend.spark.exchange;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.Transform;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.store.PortObjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link FitJob}s, {@link FitUnit}s and {@link FitResult}s as bytes. Learners and transforms travel
 * as the engine's own {@code .quiver-port} files (a learner as its node type and settings, a transform
 * in its documented format), so an executor re-creates exactly what the Quiver process held; tables
 * travel with {@link TableCodec}.
 */
public final class FitCodec {
    private FitCodec() {
    }

    /** Why a learner cannot leave this process, or empty when it can. */
    public static Optional<String> whyNotShippable(Learner learner) {
        if (learner.settingsRecord().isEmpty()) {
            return Optional.of("learner '" + learner.summary() + "' (" + learner.spec().nodeTypeId()
                    + ") cannot be re-created from settings in another process");
        }
        return Optional.empty();
    }

    public static byte[] encodeJob(FitJob job) {
        byte[] transform = job.transform().map(FitCodec::portObjectBytes).orElse(new byte[0]);
        return Bytes.encode(out -> {
            Bytes.writeString(out, job.columns().label());
            out.writeInt(job.columns().features().size());
            for (String f : job.columns().features()) {
                Bytes.writeString(out, f);
            }
            Bytes.writeBlock(out, transform);
            TableCodec.write(job.table(), out);
        });
    }

    public static FitJob decodeJob(byte[] bytes, NodeRegistry registry, ExecutionContext context) {
        return Bytes.decode(bytes, in -> {
            String label = Bytes.readString(in);
            int n = in.readInt();
            List<String> features = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                features.add(Bytes.readString(in));
            }
            byte[] transform = Bytes.readBlock(in);
            Optional<Transform> t = transform.length == 0 ? Optional.empty()
                    : Optional.of((Transform) readPortObject(transform, registry, context));
            return new FitJob(TableCodec.read(in), new FitColumns(label, features), t);
        });
    }

    public static byte[] encodeUnit(FitUnit unit) {
        whyNotShippable(unit.learner()).ifPresent(why -> {
            throw new InvalidInputException("Cannot send the fit to another process: " + why + ".");
        });
        byte[] learner = portObjectBytes(unit.learner());
        return Bytes.encode(out -> {
            Bytes.writeBlock(out, learner);
            Bytes.writeInts(out, unit.train());
            Bytes.writeInts(out, unit.test());
        });
    }

    public static FitUnit decodeUnit(byte[] bytes, NodeRegistry registry, ExecutionContext context) {
        return Bytes.decode(bytes, in -> {
            Learner learner = (Learner) readPortObject(Bytes.readBlock(in), registry, context);
            return new FitUnit(learner, Bytes.readInts(in), Bytes.readInts(in));
        });
    }

    public static byte[] encodeResult(FitResult result) {
        return Bytes.encode(out -> {
            Bytes.writeBlock(out, WorkflowJson.mapper().writeValueAsBytes(result.spec()));
            TableCodec.write(result.predicted(), out);
            Bytes.writeString(out, result.worker());
        });
    }

    public static FitResult decodeResult(byte[] bytes) {
        return Bytes.decode(bytes, in -> {
            ModelSpec spec = WorkflowJson.mapper().readValue(Bytes.readBlock(in), ModelSpec.class);
            return new FitResult(spec, TableCodec.read(in), Bytes.readString(in));
        });
    }

    /** The bytes of the {@code .quiver-port} file the engine would save for this object. */
    public static byte[] portObjectBytes(PortObject object) {
        try {
            Path tmp = Files.createTempFile("quiver-exchange-", PortObjectFiles.EXTENSION);
            try {
                PortObjectFiles.write(object, tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + object.summary() + " for the exchange", e);
        }
    }

    public static PortObject readPortObject(byte[] bytes, NodeRegistry registry, ExecutionContext context) {
        try {
            Path tmp = Files.createTempFile("quiver-exchange-", PortObjectFiles.EXTENSION);
            try {
                Files.write(tmp, bytes);
                return PortObjectFiles.read(tmp, registry, context);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a port object from the exchange", e);
        }
    }
}
