package dev.quiver.nodes.pca;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads Kernel PCA transforms saved by {@code quiver run --out} (format {@value KernelPcaTransform#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class KernelPcaTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return KernelPcaTransform.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return KernelPcaTransform.read(data);
    }
}
