package dev.quiver.nodes.features;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads saved Polynomial Features transforms (format {@value PolynomialLearner.Fitted#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class PolynomialTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return PolynomialLearner.Fitted.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return PolynomialLearner.Fitted.read(data);
    }
}
