package dev.quiver.nodes.prep;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads saved Normalizer transforms (format {@value NormalizerLearner.Fitted#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class NormalizerTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return NormalizerLearner.Fitted.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return NormalizerLearner.Fitted.read(data);
    }
}
