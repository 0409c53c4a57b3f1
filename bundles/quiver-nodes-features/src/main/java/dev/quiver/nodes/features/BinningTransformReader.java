package dev.quiver.nodes.features;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads saved Binning transforms (format {@value BinningLearner.Fitted#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class BinningTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return BinningLearner.Fitted.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return BinningLearner.Fitted.read(data);
    }
}
