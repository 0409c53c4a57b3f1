package dev.quiver.nodes.io;

import dev.quiver.api.Check;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Loads a model saved by Model Writer (or by {@code quiver run --out}). */
@Component(service = NodeFactory.class)
public final class ModelReaderNodeFactory implements NodeFactory<ModelReaderNodeFactory.ModelReaderSettings> {
    public static final String ID = "quiver.io.model-reader";

    /** Which file to load. */
    public record ModelReaderSettings(
            @Label("File") @Description("A .quiver-port file with a model, relative to the workflow file.") String path) {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Model Reader", "Input/Output",
            """
            Loads a fitted model saved by Model Writer, or by `quiver run --out` (the `model.quiver-port` file of \
            a Train node), so a model trained once can score new data in another workflow. Its columns are \
            known once it has run.""",
            List.of(), List.of(PortDescriptor.required("model", PortType.MODEL, "The saved model.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ModelReaderSettings> settingsType() {
        return ModelReaderSettings.class;
    }

    @Override
    public ModelReaderSettings defaultSettings() {
        return new ModelReaderSettings("");
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ModelReaderSettings settings, ConfigureContext context) {
        Path file = context.resolvePath(Check.notBlank(settings.path(), "File"));
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The file " + file + " does not exist. Choose a model saved by Model Writer.");
        }
        return List.of(PortSpec.unknown(PortType.MODEL));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ModelReaderSettings settings, ExecutionContext context) {
        Path file = context.resolvePath(Check.notBlank(settings.path(), "File"));
        PortObject read = context.readPortObject(file);
        if (!(read instanceof Model model)) {
            throw new InvalidInputException(file + " holds a " + read.type().displayName() + ", not a model.");
        }
        return NodeResult.of(model);
    }
}
