package dev.quiver.nodes.dl4j;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads back the neural networks that {@link NeuralNetworkModel#writeTo} saved. ND4J wakes on the first read. */
@Component(service = PortObjectReader.class)
public final class NeuralNetworkModelReader implements PortObjectReader {
    @Override
    public String formatId() {
        return NeuralNetworkModel.FORMAT_ID;
    }

    /** The file carries its own spec (with provenance and history), so the engine's copy is not needed. */
    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return NeuralNetworkModel.load(data);
    }
}
