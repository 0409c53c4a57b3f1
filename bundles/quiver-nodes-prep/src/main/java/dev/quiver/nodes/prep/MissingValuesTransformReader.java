package dev.quiver.nodes.prep;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads saved Missing Values transforms (format {@value MissingValuesLearner.Fitted#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class MissingValuesTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return MissingValuesLearner.Fitted.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return MissingValuesLearner.Fitted.read(data);
    }
}
