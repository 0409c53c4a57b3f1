package dev.quiver.nodes.tribuo;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads Tribuo classifiers saved by {@code quiver run --out} or a Model Writer (format {@value TribuoClassifier#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class TribuoClassifierReader implements PortObjectReader {
    @Override
    public String formatId() {
        return TribuoClassifier.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return TribuoClassifier.read(data, spec);
    }
}
