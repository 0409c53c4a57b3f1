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

/** Saves a fitted model to a file that Model Reader loads in another workflow or run. */
@Component(service = NodeFactory.class)
public final class ModelWriterNodeFactory implements NodeFactory<ModelWriterNodeFactory.ModelWriterSettings> {
    public static final String ID = "quiver.io.model-writer";

    /** Where to save, and whether an existing file may be replaced. */
    public record ModelWriterSettings(
            @Label("File") @Description("Where to save the model, relative to the workflow file. Use the ending "
                    + ".quiver-port.") String path,
            @Description("Replace the file if it exists.") boolean overwrite) {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Model Writer", "Input/Output",
            """
            Saves a fitted model — its parameters, the columns it expects, its classes and its provenance — to a \
            .quiver-port file, in the model library's own format (Tribuo's protobuf, DL4J's model file), never \
            Java serialisation. Model Reader loads it in another workflow, as long as the feature that made the \
            model is installed.""",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The fitted model to save.")), List.of());

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ModelWriterSettings> settingsType() {
        return ModelWriterSettings.class;
    }

    @Override
    public ModelWriterSettings defaultSettings() {
        return new ModelWriterSettings("model.quiver-port", true);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ModelWriterSettings settings, ConfigureContext context) {
        Check.notBlank(settings.path(), "File");
        return List.of();
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ModelWriterSettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Path target = context.resolvePath(Check.notBlank(settings.path(), "File"));
        if (!settings.overwrite() && Files.exists(target)) {
            throw new InvalidInputException("The file " + target + " already exists and 'Overwrite' is off. "
                    + "Turn 'Overwrite' on, or choose another file name.");
        }
        context.progress(0, "Saving " + model.summary());
        context.writePortObject(model, target);
        context.progress(1, "Saved to " + target.getFileName());
        return NodeResult.of();
    }
}
