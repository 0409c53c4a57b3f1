package dev.quiver.nodes.pca;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads PCA transforms saved by {@code quiver run --out} (format {@value PcaTransform#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class PcaTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return PcaTransform.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return PcaTransform.read(data);
    }
}
